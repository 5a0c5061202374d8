import type { CatalogueEntry } from './entry';

/** Login, tokens, lockout, the password policy and account operations. */
export const authMessages = {
  // Login and sessions. A wrong password and a locked phone share one sentence: nobody learns which numbers have accounts.
  'auth.wrongCredentials': { vi: 'Sai số điện thoại hoặc mật khẩu', en: 'Wrong phone number or password' },
  'auth.tooManyLogins': {
    vi: 'Có quá nhiều lần đăng nhập sai từ địa chỉ này; vui lòng thử lại sau',
    en: 'Too many failed logins from this address; try again later',
  },
  'auth.loginDisabled': {
    vi: 'Tài khoản này đã bị khoá; hãy liên hệ hợp tác xã hoặc Sở',
    en: 'This account is disabled; ask your co-operative or the province office',
  },
  'auth.tokenRequired': {
    vi: 'Cần đăng nhập: gửi kèm Authorization: Bearer <token>',
    en: 'An access token is required: Authorization: Bearer <token>',
  },
  'auth.crossSite': {
    vi: 'Yêu cầu từ trang web khác không được dùng phiên đăng nhập này (thiếu hoặc sai Origin, không có X-CSRF-Token khớp)',
    en: 'A request from another site cannot use this session (missing or foreign Origin, no matching X-CSRF-Token)',
  },
  'auth.tokenExpired': {
    vi: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại',
    en: 'The access token is invalid or has expired',
  },
  'auth.tokenInvalid': { vi: 'Phiên đăng nhập không hợp lệ; vui lòng đăng nhập lại', en: 'The access token is invalid' },
  'auth.tokenNoExpiry': {
    vi: 'Phiên đăng nhập không có thời hạn; vui lòng đăng nhập lại',
    en: 'The access token has no expiry; log in again',
  },
  'auth.accountGone': { vi: 'Tài khoản của phiên đăng nhập này không còn nữa', en: 'The account of this access token no longer exists' },
  'auth.accountDisabled': { vi: 'Tài khoản này đã bị khoá', en: 'This account is disabled' },
  'auth.tokenEnded': {
    vi: 'Phiên đăng nhập đã kết thúc (đăng xuất, đổi vai trò hoặc đổi mật khẩu); vui lòng đăng nhập lại',
    en: 'The access token was ended (log out, role or password change); log in again',
  },
  'auth.refreshInvalid': {
    vi: 'Mã làm mới phiên (refresh token) không hợp lệ; vui lòng đăng nhập lại',
    en: 'The refresh token is not valid; log in again',
  },
  'auth.refreshReused': {
    vi: 'Mã làm mới phiên (refresh token) đã được dùng rồi; phiên đã kết thúc, vui lòng đăng nhập lại',
    en: 'The refresh token was already used; the session has been ended, log in again',
  },

  // Passwords.
  'auth.passwordMinLength': { vi: 'mật khẩu phải có ít nhất {0} ký tự', en: 'must be at least {0} characters' },
  'auth.currentPasswordWrong': { vi: 'không phải mật khẩu hiện tại', en: 'is not the current password' },
  'auth.newPasswordSame': { vi: 'mật khẩu mới phải khác mật khẩu hiện tại', en: 'must differ from the current password' },
  'auth.passwordCommon': {
    vi: 'là một trong những mật khẩu phổ biến nhất; hãy chọn mật khẩu khác',
    en: 'is one of the most common passwords; choose another',
  },
  'auth.passwordDigitsOnly': {
    vi: 'không được chỉ gồm chữ số (số điện thoại hay ngày sinh bị đoán đầu tiên)',
    en: 'must not be only digits (a phone number or a date is guessed first)',
  },
  'auth.passwordRepeated': { vi: 'không được chỉ lặp lại một ký tự', en: 'must not repeat one character' },
  'auth.passwordHasPhone': { vi: 'không được chứa số điện thoại', en: 'must not contain the phone number' },

  // Account operations.
  'auth.managerCreatesFarmersOnly': {
    vi: 'Quản lý hợp tác xã chỉ tạo được tài khoản nông hộ',
    en: 'A co-op manager can only create farmer accounts',
  },
  'auth.phoneTaken': { vi: 'Đã có tài khoản dùng số điện thoại {phone}', en: 'An account with phone {phone} already exists' },
  'auth.managerListsFarmersOnly': {
    vi: 'Quản lý hợp tác xã chỉ xem được tài khoản nông hộ của hợp tác xã mình',
    en: 'A co-op manager can list only the farmers of its co-operative',
  },
  'auth.membershipAdminOnly': {
    vi: 'Chỉ Sở mới đổi được vai trò và hợp tác xã, hộ của tài khoản',
    en: 'Only the province office changes roles and memberships',
  },
  'auth.ownAccountUnchangeable': {
    vi: 'Bạn không thể khoá tài khoản của chính mình hay đổi vai trò của nó; hãy nhờ một quản trị viên khác',
    en: 'You cannot disable your own account or change its role; ask another admin',
  },
  'auth.ownPasswordRoute': {
    vi: 'Để đổi mật khẩu của chính mình, hãy dùng POST /api/v1/auth/password',
    en: 'To change your own password use POST /api/v1/auth/password',
  },
  'auth.managerManagesOwnFarmers': {
    vi: 'Quản lý hợp tác xã chỉ quản lý được tài khoản nông hộ của hợp tác xã mình',
    en: 'A co-op manager manages only the farmer accounts of its own co-operative',
  },
  'auth.adminHasNoMembership': {
    vi: 'tài khoản quản trị (Sở) không thuộc hợp tác xã hay hộ nào',
    en: 'an admin account belongs to no co-operative or household',
  },
  'auth.cooperativeRequiredForManager': {
    vi: 'bắt buộc với tài khoản quản lý hợp tác xã (coop_manager)',
    en: 'is required for a coop_manager',
  },
  'auth.managerHasNoHousehold': {
    vi: 'quản lý hợp tác xã thuộc một hợp tác xã, không thuộc một hộ',
    en: 'a coop_manager belongs to a co-operative, not a household',
  },
  'auth.householdRequiredForFarmer': { vi: 'bắt buộc với tài khoản nông hộ (farmer)', en: 'is required for a farmer' },
  'auth.cooperativeNotHouseholds': {
    vi: 'không khớp với hợp tác xã của hộ',
    en: 'does not match the household’s co-operative',
  },
  'auth.householdOtherCooperative': { vi: 'Hộ này thuộc hợp tác xã khác', en: 'This household belongs to another co-operative' },
} satisfies Record<string, CatalogueEntry>;
