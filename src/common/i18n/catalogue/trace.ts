import type { CatalogueEntry } from './entry';

/** Problems of the label resolver (the consumer page has its own texts) and of the scan-alert routes. */
export const traceMessages = {
  'trace.malformedTitle': { vi: 'Đường dẫn tem sai định dạng (GS1 Digital Link)', en: 'Malformed Digital Link' },
  'trace.gtinFormat': { vi: 'mã GTIN (01) phải gồm 8, 12, 13 hoặc 14 chữ số', en: 'the GTIN (01) must be 8, 12, 13 or 14 digits' },
  'trace.gtinCheckDigit': { vi: 'mã GTIN (01) sai chữ số kiểm tra', en: 'the GTIN (01) has a wrong check digit' },
  'trace.lotFormat': {
    vi: 'mã lô (10) phải dài 1-20 ký tự thuộc bộ ký tự GS1',
    en: 'the lot (10) must be 1-20 characters of the GS1 character set',
  },
  'trace.cpvFormat': {
    vi: 'biến thể sản phẩm (22) phải dài 1-20 ký tự thuộc bộ ký tự GS1',
    en: 'the consumer product variant (22) must be 1-20 characters of the GS1 character set',
  },
  'trace.dlEncoding': {
    vi: 'đường dẫn có ký tự mã hoá phần trăm (%) không hợp lệ',
    en: 'the address has an invalid percent-encoding',
  },
  'trace.dlExtraSegment': {
    vi: 'phần đường dẫn "{segment}" không thuộc cú pháp GS1 Digital Link của GTIN (01)',
    en: 'the path segment "{segment}" is not part of a GTIN (01) Digital Link',
  },
  'trace.dlNotQualifier': {
    vi: 'AI {ai} không phải là định danh bổ sung của GTIN (01); thuộc tính dữ liệu phải nằm trong chuỗi truy vấn',
    en: 'AI {ai} is not a key qualifier of the GTIN (01); data attributes belong in the query string',
  },
  'trace.dlQualifierOrder': {
    vi: 'AI {ai} sai thứ tự hoặc lặp lại: thứ tự đúng là 22, 10, 21',
    en: 'AI {ai} is out of order or repeated: the qualifiers of a GTIN come in the order 22, 10, 21',
  },
  'trace.dlQueryUnknownAi': {
    vi: 'tham số "{ai}" trong chuỗi truy vấn không phải là một AI của GS1',
    en: 'the query parameter "{ai}" is not a GS1 Application Identifier',
  },
  'trace.dlQueryValue': {
    vi: 'giá trị của AI {ai} trong chuỗi truy vấn sai định dạng (ngày YYMMDD, mã quốc gia ISO 3166, độ dài hoặc ký tự)',
    en: 'the value of AI {ai} in the query string is malformed (YYMMDD date, ISO 3166 country code, length or characters)',
  },
  'trace.dlQueryConflict': {
    vi: 'AI {ai} trong chuỗi truy vấn khác với giá trị trong đường dẫn',
    en: 'AI {ai} in the query string differs from its value in the path',
  },
  'trace.dlCompressed': {
    vi: 'đường dẫn GS1 Digital Link dạng nén không được hỗ trợ; hãy dùng dạng không nén /01/<GTIN>/…',
    en: 'compressed GS1 Digital Links are not supported; use the uncompressed form /01/<GTIN>/…',
  },
  'trace.linkTypeMissing': {
    vi: 'mục này không có liên kết loại {linkType}',
    en: 'this item has no link of type {linkType}',
  },
  'trace.notFound': {
    vi: 'không tìm thấy mục này',
    en: 'no such item',
  },
  'trace.typedSerialUnreadable': {
    vi: 'mã in dưới tem (serial) phải gồm 1-20 chữ cái hoặc chữ số',
    en: 'the serial printed under the code must be 1-20 letters or digits',
  },
  'trace.serialFormat': {
    vi: 'số sê-ri (21) phải dài 1-20 ký tự thuộc bộ ký tự GS1',
    en: 'the serial (21) must be 1-20 characters of the GS1 character set',
  },
  'trace.tooManyScans': {
    vi: 'Có quá nhiều lượt quét từ địa chỉ này; vui lòng thử lại sau {seconds} giây',
    en: 'Too many scans from this address; retry in {seconds} s',
  },
  'trace.unavailable': {
    vi: 'Tạm thời chưa tra cứu được tem; vui lòng quét lại sau vài giây',
    en: 'The label cannot be looked up right now; scan again in a few seconds',
  },
  'trace.alertSerialFormat': {
    vi: 'số sê-ri của tem gồm tối đa 20 ký tự 0-9 A-Z',
    en: 'must be up to 20 characters 0-9 A-Z',
  },
  'trace.clearReasonRequired': {
    vi: 'hãy ghi lý do vì sao cảnh báo là nhầm',
    en: 'must say why the alarm is false',
  },
} satisfies Record<string, CatalogueEntry>;
