import type { CatalogueEntry } from './entry';

/** Co-operatives, households, plots and their certificates. */
export const registryMessages = {
  // Field formats (DTO decorators name these keys).
  'registry.taxCodeFormat': {
    vi: 'mã số thuế phải gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số',
    en: 'must be 10 digits, or 10 digits, a dash and 3 digits',
  },
  'registry.gs1PrefixFormat': { vi: 'mã doanh nghiệp GS1 phải gồm 6 đến 12 chữ số', en: 'must be 6 to 12 digits' },
  'registry.phoneFormat': {
    vi: 'phải là số điện thoại Việt Nam, ví dụ 0912345678',
    en: 'must be a Vietnamese phone number such as 0912345678',
  },
  'registry.contactPhoneFormat': {
    vi: 'phải là số điện thoại công khai của hợp tác xã, ví dụ 0220 3852 123 hoặc 1900 1234',
    en: 'must be the co-operative\'s public phone number, such as 0220 3852 123 or 1900 1234',
  },
  'registry.contactEmailFormat': { vi: 'phải là địa chỉ email, ví dụ htx@example.vn', en: 'must be an e-mail address such as htx@example.vn' },
  'registry.nationalIdFormat': {
    vi: 'phải gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND)',
    en: 'must be 12 digits (CCCD) or 9 digits (CMND)',
  },
  'registry.plotCodeFormat': {
    vi: 'mã vùng trồng phải dài 2-40 ký tự gồm chữ, số, dấu chấm, gạch ngang hoặc gạch chéo',
    en: 'must be 2-40 letters, digits, dots, dashes or slashes',
  },
  'registry.dateFormat': { vi: 'phải là ngày viết theo dạng YYYY-MM-DD', en: 'must be a date written YYYY-MM-DD' },
  'registry.cooperativeIdRequired': {
    vi: 'bắt buộc khi tài khoản không thuộc một hợp tác xã',
    en: 'is required when your account belongs to no co-operative',
  },

  // Access.
  'registry.notMember': { vi: 'Bạn không phải thành viên của hợp tác xã này', en: 'You are not a member of this co-operative' },
  'registry.farmerOwnHouseholdOnly': { vi: 'Nông hộ chỉ xem được hộ của mình', en: 'Farmers see their own household only' },
  'registry.verifyManagersOnly': {
    vi: 'Chỉ quản lý hợp tác xã của vùng trồng hoặc Sở mới xác minh được chứng nhận',
    en: 'Only a manager of the plot’s co-operative or the province office can verify a certificate',
  },

  // Conflicts.
  'registry.phoneTaken': {
    vi: 'Số điện thoại {phone} đã được đăng ký cho một hộ khác',
    en: 'A household with phone {phone} is already registered',
  },
  'registry.plotCodeTaken': { vi: 'Mã vùng trồng {code} đã được đăng ký', en: 'The planting-area code {code} is already registered' },
  'registry.fieldPrinted': {
    vi: 'Không thể sửa {field}: giá trị này đã được in trên tem hoặc xuất trong hồ sơ truy xuất',
    en: '{field} cannot be changed: it is already printed on labels or exported in traceability records',
  },
  'registry.cooperativeHasLabels': {
    vi: 'Hợp tác xã đã in tem nên không thể lưu trữ',
    en: 'The co-operative has printed labels and cannot be archived',
  },
  'registry.householdHasLabels': {
    vi: 'Hộ sản xuất đã có lô hàng được in tem nên không thể lưu trữ',
    en: 'The household has batches with printed labels and cannot be archived',
  },
  'registry.plotHasLabels': {
    vi: 'Vùng trồng đã có lô hàng được in tem nên không thể lưu trữ',
    en: 'The plot has batches with printed labels and cannot be archived',
  },
  'registry.cooperativeArchived': { vi: 'Hợp tác xã {id} đã được lưu trữ', en: 'Co-operative {id} is archived' },
  'registry.householdArchived': { vi: 'Hộ sản xuất {id} đã được lưu trữ', en: 'Household {id} is archived' },
  'registry.plotArchived': { vi: 'Vùng trồng {id} đã được lưu trữ', en: 'Plot {id} is archived' },
  'registry.certificationRevoked': {
    vi: 'Chứng nhận {id} đã bị thu hồi; hãy thêm chứng nhận mới',
    en: 'Certificate {id} is revoked; add a new certificate instead',
  },

  // Certificates.
  'registry.revokeReasonRequired': { vi: 'phải ghi lý do khi thu hồi chứng nhận', en: 'is required when revoking a certificate' },
  'registry.revokeAlone': {
    vi: 'thu hồi chứng nhận không đi kèm việc sửa số, ngày cấp hay hạn',
    en: 'a revocation cannot also change the number, dates or issuer',
  },
  'registry.revokedMustBeTrue': { vi: 'chỉ có thể là true (thu hồi)', en: 'can only be true (revoke)' },
  'registry.issuedInFuture': { vi: 'ngày cấp không được sau hôm nay', en: 'the issue date must not be after today' },
  'registry.validBeforeIssued': { vi: 'ngày hết hạn phải sau ngày cấp {issuedAt}', en: 'must be after the issue date {issuedAt}' },
  'registry.validityTooLong': {
    vi: 'chứng nhận {scheme} có hiệu lực tối đa {years} năm: hạn phải không sau {latest}',
    en: '{scheme} certificates last at most {years} years: must not be after {latest}',
  },
} satisfies Record<string, CatalogueEntry>;
