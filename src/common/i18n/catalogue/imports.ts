import type { CatalogueEntry } from './entry';

/** The household import: the file, its header line, its rows, and the multipart upload that carries it. */
export const importMessages = {
  // How the file arrives.
  'import.sendAsCsv': {
    vi: 'hãy gửi tệp CSV với Content-Type: text/csv, hoặc tải lên dạng multipart/form-data trong trường "file"',
    en: 'send the CSV file as Content-Type: text/csv, or upload it as multipart/form-data in the field "file"',
  },
  'import.noFilePart': {
    vi: 'biểu mẫu không có tệp: hãy chọn tệp CSV trong trường "file"',
    en: 'the form holds no file: choose the CSV file in the field "file"',
  },
  'import.spreadsheetFile': {
    vi: 'đây là tệp Excel (.xlsx/.xls), không phải CSV: hãy mở trong Excel rồi lưu thành "CSV UTF-8 (Phân cách bằng dấu phẩy)"',
    en: 'this is an Excel workbook (.xlsx/.xls), not CSV: open it in Excel and save it as "CSV UTF-8 (Comma delimited)"',
  },
  'import.multipartBoundary': {
    vi: 'Content-Type multipart/form-data thiếu boundary hợp lệ',
    en: 'the multipart/form-data content type has no valid boundary',
  },
  'import.multipartNoBoundary': {
    vi: 'nội dung không bắt đầu bằng boundary đã khai báo',
    en: 'the body does not start with the boundary its content type names',
  },
  'import.multipartMalformed': {
    vi: 'biểu mẫu multipart không đúng định dạng (phần đầu của một phần bị hỏng hoặc thiếu Content-Disposition)',
    en: 'the multipart form is malformed (a part has broken headers or no Content-Disposition)',
  },
  'import.multipartUnfinished': {
    vi: 'biểu mẫu multipart bị cắt ngang: thiếu boundary kết thúc',
    en: 'the multipart form is cut short: its closing boundary is missing',
  },
  'import.multipartTrailing': {
    vi: 'có quá nhiều dữ liệu sau boundary kết thúc của biểu mẫu',
    en: 'too much data follows the closing boundary of the form',
  },
  'import.multipartFileField': {
    vi: 'tệp phải được gửi trong trường "{field}"',
    en: 'the file must be sent in the field "{field}"',
  },
  'import.multipartOneFile': { vi: 'mỗi lần nhập chỉ một tệp', en: 'one file per import' },
  'import.multipartTooManyFields': { vi: 'biểu mẫu có quá {max} trường', en: 'the form has more than {max} fields' },
  'import.multipartRepeatedField': { vi: 'trường "{field}" xuất hiện hơn một lần', en: 'the field "{field}" appears more than once' },
  'import.multipartFieldTooLong': {
    vi: 'trường "{field}" dài quá {max} byte',
    en: 'the field "{field}" is longer than {max} bytes',
  },
  'import.multipartFieldNotUtf8': { vi: 'trường "{field}" không phải văn bản UTF-8', en: 'the field "{field}" is not UTF-8 text' },

  // The file as a whole.
  'import.nulCharacters': {
    vi: 'tệp chứa ký tự NUL: hãy lưu lại dưới dạng CSV UTF-8 (không phải UTF-16 hay tệp bảng tính)',
    en: 'the file holds NUL characters: save it as CSV UTF-8 (not UTF-16 or a spreadsheet file)',
  },
  'import.csvUnclosedQuote': {
    vi: 'không phải CSV hợp lệ: dòng {line} có dấu ngoặc kép chưa đóng',
    en: 'not valid CSV: line {line} has a quoted field that is not closed',
  },
  'import.emptyFile': {
    vi: 'tệp trống; dòng đầu tiên phải là dòng tiêu đề cột',
    en: 'the file is empty; the first line must be the header',
  },
  'import.tooManyRows': { vi: 'mỗi tệp tối đa {max} dòng', en: 'at most {max} rows per file' },

  // The header line.
  'import.headerUnusable': { vi: 'Dòng tiêu đề cột không dùng được: {problems}', en: 'The header line is not usable: {problems}' },
  'import.headerRepeated': { vi: 'cột xuất hiện hơn một lần', en: 'appears more than once' },
  'import.headerMissing': { vi: 'thiếu cột bắt buộc', en: 'required column is missing' },
  'import.cooperativeMissing': {
    vi: 'hãy có cột cooperativeId, hoặc tham số ?cooperativeId=, hoặc trường cooperativeId của biểu mẫu',
    en: 'give a cooperativeId column, the ?cooperativeId= query parameter or a cooperativeId form field',
  },

  // Rows.
  'import.rowFieldCount': { vi: 'có {count} ô, dòng tiêu đề có {expected} cột', en: 'has {count} fields, the header has {expected}' },
  'import.phoneRepeatsLine': { vi: 'trùng số điện thoại ở dòng {line}', en: 'duplicates the phone number on line {line}' },
  'import.trainedWord': {
    vi: 'phải là Có/Không, x, 1/0 hoặc true/false',
    en: 'must be Có/Không (yes/no), x, 1/0 or true/false',
  },
  'import.noSuchCooperative': { vi: 'hợp tác xã không tồn tại', en: 'no such co-operative' },
  'import.notYourCooperative': { vi: 'bạn không quản lý hợp tác xã này', en: 'you do not manage this co-operative' },
  'import.phoneRegistered': {
    vi: 'đã có hộ đăng ký với số điện thoại này',
    en: 'a household with this phone number is already registered',
  },
} satisfies Record<string, CatalogueEntry>;
