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
