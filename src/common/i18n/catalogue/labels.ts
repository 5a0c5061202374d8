import type { CatalogueEntry } from './entry';

/** Label runs, labels and their files. */
export const labelMessages = {
  'labels.batchRecalled': {
    vi: 'Lô {lotCode} đã bị thu hồi; không thể in tem cho lô này',
    en: 'Batch {lotCode} has been recalled; no labels can be printed for it',
  },
  'labels.idempotencyKeyFormat': { vi: 'phải gồm 1-100 ký tự ASCII nhìn thấy được', en: 'must be 1-100 visible ASCII characters' },
  'labels.overCapacity': {
    vi: 'Lô {lotCode} đóng được khoảng {capacity} gói ({allowance} tem kể cả {tolerance}% dự phòng); lô đã có {existing} tem đang dùng, in thêm {requested} tem sẽ vượt mức. Gửi allowOverrun: true nếu bạn cố ý in thêm.',
    en: 'Batch {lotCode} can fill about {capacity} packages ({allowance} labels with the {tolerance}% tolerance); it already has {existing} active labels, so {requested} more would exceed it. Send allowOverrun: true if this is deliberate.',
  },
  'labels.fileNotReady': {
    vi: 'Đợt in tem {id} đang ở trạng thái {status} ({progress}%); tệp sẽ có khi in xong',
    en: 'Label run {id} is {status} ({progress}%); the file is ready when it is done',
  },
  'labels.idempotencyKeyReused': {
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu in tem khác',
    en: 'This Idempotency-Key was already used for a different label run request',
  },
  'labels.serialFormat': { vi: 'phải gồm tối đa 20 ký tự 0-9, A-Z', en: 'must be up to 20 characters 0-9 A-Z' },
  'labels.eachSerialFormat': { vi: 'mỗi mã tem phải gồm tối đa 20 ký tự 0-9, A-Z', en: 'each serial must be up to 20 characters 0-9 A-Z' },
  'labels.batchOrRun': { vi: 'hãy gửi batchId hoặc labelRunId', en: 'give batchId or labelRunId' },
  'labels.serialsOrRun': { vi: 'hãy gửi serials hoặc labelRunId (chỉ một trong hai)', en: 'give either serials or labelRunId' },
  'labels.unknownSerials': { vi: 'Không có các mã tem: {serials}', en: 'Unknown serials: {serials}' },
  'labels.unknownSerial': { vi: 'mã tem {serial} không tồn tại', en: '{serial} does not exist' },
  'labels.otherCooperative': { vi: 'Tem này thuộc hợp tác xã khác', en: 'This label belongs to another co-operative' },
  'labels.zplNeedsThermal': {
    vi: 'định dạng {format} dành cho máy in tem nhiệt: hãy chọn khổ thermal-50x30, hoặc định dạng pdf cho khổ {layout}',
    en: '{format} is for thermal label printers: use layout thermal-50x30, or format pdf for {layout}',
  },
} satisfies Record<string, CatalogueEntry>;
