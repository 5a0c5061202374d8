import type { CatalogueEntry } from './entry';

/**
 * Field messages for class-validator's constraints, by constraint name (`validation.<name>`); the
 * constraint's arguments arrive as parameters (`{0}`, `{1}`), and `{values}` for a list of choices.
 */
export const validationMessages = {
  'validation.unknownField': { vi: 'trường không được hỗ trợ', en: 'unknown field' },
  'validation.invalid': { vi: 'không hợp lệ', en: 'is invalid' },
  'validation.required': { vi: 'bắt buộc phải có', en: 'is required' },
  'validation.nul': { vi: 'không được chứa ký tự NUL', en: 'must not contain NUL characters' },
  'validation.notUnicode': { vi: 'không phải văn bản Unicode hợp lệ', en: 'is not valid Unicode text' },
  'validation.uuid': { vi: 'phải là một UUID', en: 'must be a UUID' },
  'validation.isDefined': { vi: 'bắt buộc phải có', en: 'is required' },
  'validation.isNotEmpty': { vi: 'không được để trống', en: 'must not be empty' },
  'validation.isString': { vi: 'phải là chuỗi ký tự', en: 'must be a string' },
  'validation.isBoolean': { vi: 'phải là true hoặc false', en: 'must be true or false' },
  'validation.isInt': { vi: 'phải là số nguyên', en: 'must be an integer' },
  'validation.isNumber': { vi: 'phải là số', en: 'must be a number' },
  'validation.isPositive': { vi: 'phải là số dương', en: 'must be a positive number' },
  'validation.min': { vi: 'không được nhỏ hơn {0}', en: 'must not be less than {0}' },
  'validation.max': { vi: 'không được lớn hơn {0}', en: 'must not be greater than {0}' },
  'validation.minLength': { vi: 'phải có ít nhất {0} ký tự', en: 'must be at least {0} characters long' },
  'validation.maxLength': { vi: 'không được dài quá {0} ký tự', en: 'must be at most {0} characters long' },
  'validation.isLength': { vi: 'phải dài từ {0} đến {1} ký tự', en: 'must be {0} to {1} characters long' },
  'validation.isIn': { vi: 'phải là một trong: {values}', en: 'must be one of: {values}' },
  'validation.isEnum': { vi: 'phải là một trong: {values}', en: 'must be one of: {values}' },
  'validation.isUuid': { vi: 'phải là một UUID', en: 'must be a UUID' },
  'validation.isUUID': { vi: 'phải là một UUID', en: 'must be a UUID' },
  'validation.isDateString': {
    vi: 'phải là ngày giờ ISO 8601 (vd. 2026-06-10T06:00:00+07:00)',
    en: 'must be an ISO 8601 date-time (e.g. 2026-06-10T06:00:00+07:00)',
  },
  'validation.isIso8601': {
    vi: 'phải là ngày giờ ISO 8601 (vd. 2026-06-10T06:00:00+07:00)',
    en: 'must be an ISO 8601 date-time (e.g. 2026-06-10T06:00:00+07:00)',
  },
  'validation.isISO8601': {
    vi: 'phải là ngày giờ ISO 8601 (vd. 2026-06-10T06:00:00+07:00)',
    en: 'must be an ISO 8601 date-time (e.g. 2026-06-10T06:00:00+07:00)',
  },
  'validation.matches': { vi: 'sai định dạng', en: 'has the wrong format' },
  'validation.isArray': { vi: 'phải là một danh sách', en: 'must be an array' },
  'validation.arrayMinSize': { vi: 'phải có ít nhất {0} mục', en: 'must contain at least {0} items' },
  'validation.arrayMaxSize': { vi: 'không được quá {0} mục', en: 'must contain at most {0} items' },
  'validation.arrayUnique': { vi: 'không được có mục trùng nhau', en: 'must not contain duplicates' },
  'validation.arrayNotEmpty': { vi: 'không được để trống', en: 'must not be empty' },
  'validation.isObject': { vi: 'phải là một đối tượng', en: 'must be an object' },
  'validation.nestedValidation': { vi: 'phải là một đối tượng hoặc danh sách đối tượng', en: 'must be an object or a list of objects' },
  'validation.isUrl': { vi: 'phải là một địa chỉ http(s)', en: 'must be an http(s) URL' },
  'validation.isEmail': { vi: 'phải là một địa chỉ email', en: 'must be an email address' },
  'validation.isLatitude': { vi: 'phải là vĩ độ từ -90 đến 90', en: 'must be a latitude between -90 and 90' },
  'validation.isLongitude': { vi: 'phải là kinh độ từ -180 đến 180', en: 'must be a longitude between -180 and 180' },
  'validation.isNumberString': { vi: 'chỉ được gồm chữ số', en: 'must contain digits only' },
  'validation.isObjectShape': { vi: 'phải là một đối tượng', en: 'must be an object' },
  'validation.csvNotUtf8': {
    vi: 'tệp không phải văn bản UTF-8 (dòng {line}): hãy lưu lại dưới dạng "CSV UTF-8" (Excel: Tệp > Lưu thành > CSV UTF-8 (Phân cách bằng dấu phẩy)) rồi gửi lại',
    en: 'the file is not UTF-8 text (line {line} is not): save it as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8 (Comma delimited)) and send it again',
  },
} satisfies Record<string, CatalogueEntry>;
