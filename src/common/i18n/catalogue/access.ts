import type { CatalogueEntry } from './entry';

/** The ownership rules (access-policy.ts) and the route guard: who may read or change what. */
export const accessMessages = {
  'access.otherCooperative': { vi: 'Bản ghi này thuộc hợp tác xã khác', en: 'This record belongs to another co-operative' },
  'access.otherHousehold': { vi: 'Bản ghi này thuộc hộ khác', en: 'This record belongs to another household' },
  'access.ownCooperativeOnly': {
    vi: 'Bạn chỉ xem được danh sách của hợp tác xã mình',
    en: 'You can only list your own co-operative',
  },
  'access.passwordChangeRequired': {
    vi: 'Mật khẩu của bạn đã được đặt lại: hãy chọn mật khẩu mới với POST /api/v1/auth/password trước',
    en: 'Your password was reset: choose a new one with POST /api/v1/auth/password first',
  },
  'access.roleNotAllowed': {
    vi: 'Tài khoản có vai trò {role} không được làm thao tác này',
    en: 'This operation is not open to the role {role}',
  },
} satisfies Record<string, CatalogueEntry>;
