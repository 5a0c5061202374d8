import type { CatalogueEntry } from './entry';

/** Harvest batches, their diary (events), food safety and the pesticide table. */
export const batchesMessages = {
  'batches.productOtherCooperative': {
    vi: 'thuộc hợp tác xã khác với hộ sản xuất',
    en: 'belongs to another co-operative than the household',
  },
  'batches.plotOtherHousehold': { vi: 'không phải vùng trồng của hộ này', en: 'is not a growing area of this household' },
  'batches.inFuture': { vi: 'là thời điểm trong tương lai', en: 'is in the future' },
  'batches.photoType': {
    vi: 'phải là ảnh JPEG, WebP hoặc PNG (Content-Type image/jpeg, image/webp, image/png)',
    en: 'must be a JPEG, WebP or PNG image (Content-Type image/jpeg, image/webp, image/png)',
  },
  'batches.photoUnreadable': { vi: 'không đọc được ảnh (tệp hỏng hoặc không đúng định dạng {type})', en: 'cannot be read as an image (damaged, or not {type})' },
  'batches.photoTooBig': { vi: 'ảnh quá lớn ({width}×{height}); hãy thu nhỏ còn tối đa {max} điểm ảnh mỗi cạnh', en: 'is too large ({width}×{height}); shrink it to at most {max} pixels a side' },
  'batches.lotCodeExhausted': { vi: 'Không cấp được mã lô duy nhất; hãy thử lại', en: 'Could not allocate a unique lot code; try again' },
  'batches.lotCodeTaken': { vi: 'Mã lô {lotCode} đã được dùng cho lô khác', en: 'Lot code {lotCode} is already used by another batch' },
  'batches.lotCodeFormat': {
    vi: 'tối đa 20 ký tự thuộc bộ ký tự GS1 (không dấu, không dấu cách)',
    en: 'must be at most 20 characters of the GS1 character set (no diacritics, no spaces)',
  },
  'batches.fieldLocked': {
    vi: 'không thể sửa {field}: tem của lô này đã được in',
    en: 'cannot change {field}: labels of this batch have already been printed',
  },
  'batches.fieldLockedDetail': {
    vi: 'Không thể sửa {field} vì tem của lô {lotCode} đã được in; hãy ghi một sự kiện hoặc tạo lô mới',
    en: 'Cannot change {field}: labels of batch {lotCode} have been printed; record an event or register a new batch instead',
  },
  'batches.archiveHasLabels': {
    vi: 'Lô {lotCode} đã có tem in nên được giữ lại trong hồ sơ, không thể xoá',
    en: 'Batch {lotCode} has printed labels, so it stays on record and cannot be deleted',
  },
  'batches.archived': {
    vi: 'Lô {lotCode} đã bị xoá (lưu trữ); không thể in tem hay đăng bán',
    en: 'Batch {lotCode} has been deleted (archived); it cannot be labelled or listed',
  },
  'batches.onHold': {
    vi: 'Lô {lotCode} đang bị giữ: thu hoạch khi chưa hết thời gian cách ly thuốc bảo vệ thực vật; an toàn từ ngày {safeFrom}. Chỉ quản lý hợp tác xã mới được cho phép kèm lý do.',
    en: 'Batch {lotCode} is on hold: it was harvested inside the pre-harvest interval of a pesticide; it is safe from {safeFrom}. Only a co-op manager may release it, with a reason.',
  },
  'batches.notOnHold': {
    vi: 'Lô {lotCode} không bị giữ vì an toàn thực phẩm; không có gì để cho phép',
    en: 'Batch {lotCode} is not on a food-safety hold; there is nothing to override',
  },
  'batches.overrideRole': {
    vi: 'Chỉ quản lý hợp tác xã hoặc Sở mới được cho phép lô đang bị giữ',
    en: 'Only a co-op manager or an admin may release a batch on hold',
  },
  'batches.overrideEvent': {
    vi: 'Cho phép lô đang bị giữ (an toàn từ {safeFrom}): {reason}',
    en: 'Batch on hold released (safe from {safeFrom}): {reason}',
  },
  'batches.eventSuperseded': {
    vi: 'Sự kiện {id} đã được sửa bởi sự kiện {by}; hãy sửa sự kiện mới nhất',
    en: 'Event {id} has already been corrected by event {by}; correct the latest one',
  },
  'batches.supersedesOtherBatch': { vi: 'không phải một sự kiện của lô này', en: 'is not an event of this batch' },
  'batches.correctionReasonRequired': {
    vi: 'bắt buộc khi sửa một sự kiện (supersedes)',
    en: 'is required when correcting an event (supersedes)',
  },
  'batches.correctionReasonAlone': { vi: 'chỉ dùng khi sửa một sự kiện (kèm supersedes)', en: 'only goes with a correction (supersedes)' },
  'batches.detailsTooLarge': { vi: 'không được lớn hơn {max} byte JSON', en: 'must be at most {max} bytes of JSON' },
  'batches.detailsKey': { vi: 'tên khoá chỉ gồm chữ, số và _', en: 'keys are letters, digits and _' },
  'batches.detailsValue': { vi: 'phải là chữ, số, true/false hoặc danh sách', en: 'must be a text, number, boolean or list' },
  'batches.pesticideRequired': {
    vi: 'bắt buộc khi phun thuốc: tên thuốc (pesticide) hoặc hoạt chất (activeIngredient), tối đa 200 ký tự',
    en: 'is required for spraying: the product name (pesticide) or its active ingredient, up to 200 characters',
  },
  'batches.phiRequired': {
    vi: 'bắt buộc khi phun thuốc mà thuốc không có trong bảng: số ngày cách ly từ 0 đến 365 (thời gian cách ly ghi trên nhãn)',
    en: 'is required for spraying a product not in the table: whole days from 0 to 365 (the pre-harvest interval on its label)',
  },
  'batches.phiConflict': {
    vi: 'phiDays và preHarvestIntervalDays phải bằng nhau',
    en: 'phiDays and preHarvestIntervalDays must be equal',
  },
  'batches.otherCooperativeReport': { vi: 'Chỉ xem được báo cáo của hợp tác xã mình', en: 'You can only see your own co-operative' },
} satisfies Record<string, CatalogueEntry>;
