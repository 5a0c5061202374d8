import type { CatalogueEntry } from './entry';

/** Products: GTINs, the GS1 company prefix, fields that labels already carry. */
export const catalogMessages = {
  'catalog.gtinFormat': { vi: 'phải gồm 8, 12, 13 hoặc 14 chữ số', en: 'must be 8, 12, 13 or 14 digits' },
  'catalog.gtinCheckDigit': { vi: 'sai chữ số kiểm tra (check digit)', en: 'has a wrong check digit' },
  'catalog.gtinTaken': {
    vi: 'Mã GTIN {gtin} đã được đăng ký cho một sản phẩm khác',
    en: 'A product with GTIN {gtin} is already registered',
  },
  'catalog.gtinOutsidePrefix': {
    vi: 'không thuộc mã doanh nghiệp GS1 {prefix} của hợp tác xã; chỉ Sở (quản trị viên) mới được ghi nhận ngoại lệ kèm gtinPrefixOverrideReason',
    en: "is not under the co-operative's GS1 company prefix {prefix}; only an admin may record an exception with gtinPrefixOverrideReason",
  },
  'catalog.gtinOverrideAdminOnly': {
    vi: 'chỉ Sở (quản trị viên) mới được bỏ qua kiểm tra mã doanh nghiệp GS1',
    en: 'only an admin may override the GS1 company prefix check',
  },
  'catalog.otherCooperative': { vi: 'Sản phẩm này thuộc hợp tác xã khác', en: 'This product belongs to another co-operative' },
  'catalog.fieldLocked': {
    vi: 'không thể sửa {field}: đã có tem in cho sản phẩm này',
    en: 'cannot change {field}: labels of this product have already been printed',
  },
  'catalog.fieldLockedDetail': {
    vi: 'Không thể sửa {field} vì tem của sản phẩm đã được in; hãy tạo sản phẩm mới',
    en: 'Cannot change {field}: labels of this product have been printed; register a new product instead',
  },
  'catalog.archiveHasLabels': {
    vi: 'Sản phẩm đã có tem in nên được giữ lại trong hồ sơ, không thể xoá',
    en: 'The product has printed labels, so it stays on record and cannot be deleted',
  },
  'catalog.archived': {
    vi: 'Sản phẩm {id} đã bị xoá (lưu trữ); không thể dùng cho lô hàng mới',
    en: 'Product {id} has been deleted (archived); it cannot be used for new batches',
  },
} satisfies Record<string, CatalogueEntry>;
