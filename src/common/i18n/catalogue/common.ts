import type { CatalogueEntry } from './entry';

/** Sentences shared by every module: missing records by kind, access, paging. */
export const commonMessages = {
  'notFound.Batch': { vi: 'Lô hàng {id} không tồn tại', en: 'Batch {id} does not exist' },
  'notFound.Photo': { vi: 'Ảnh {id} không tồn tại', en: 'Photo {id} does not exist' },
  'notFound.Cooperative': { vi: 'Hợp tác xã {id} không tồn tại', en: 'Cooperative {id} does not exist' },
  'notFound.Household': { vi: 'Hộ sản xuất {id} không tồn tại', en: 'Household {id} does not exist' },
  'notFound.Label run': { vi: 'Đợt in tem {id} không tồn tại', en: 'Label run {id} does not exist' },
  'notFound.Listing': { vi: 'Tin đăng bán {id} không tồn tại', en: 'Listing {id} does not exist' },
  'notFound.Plot': { vi: 'Vùng trồng {id} không tồn tại', en: 'Plot {id} does not exist' },
  'notFound.Product': { vi: 'Sản phẩm {id} không tồn tại', en: 'Product {id} does not exist' },
  'notFound.User': { vi: 'Tài khoản {id} không tồn tại', en: 'User {id} does not exist' },
  'notFound.Certification': { vi: 'Chứng nhận {id} không tồn tại', en: 'Certification {id} does not exist' },
  'notFound.Label': { vi: 'Tem {id} không tồn tại', en: 'Label {id} does not exist' },
  'notFound.Event': { vi: 'Sự kiện {id} không tồn tại', en: 'Event {id} does not exist' },
  'common.ifMatchStale': {
    vi: 'Bản ghi đã được thay đổi (phiên bản hiện tại {current}, bạn gửi {sent}); hãy tải lại rồi sửa',
    en: 'The record has changed (current version {current}, you sent {sent}); reload it and edit again',
  },
  'common.ifMatchMalformed': { vi: 'If-Match phải là một ETag, ví dụ "3"', en: 'If-Match must be an ETag such as "3"' },
  'common.idReusedWithOtherBody': {
    vi: 'Mã {id} đã được dùng cho một bản ghi khác nội dung; hãy tạo mã mới cho bản ghi mới',
    en: 'The id {id} was already used for a record with different content; use a new id for a new record',
  },
  'common.idTakenByOtherKind': { vi: 'Mã {id} đã được dùng', en: 'The id {id} is already taken' },
} satisfies Record<string, CatalogueEntry>;
