import type { CatalogueEntry } from './entry';

/** What the shared HTTP helpers say about a request itself: paging cursors, dates and times. */
export const httpMessages = {
  'http.cursorFormat': {
    vi: 'phải là giá trị nextCursor của trang trước',
    en: 'must be a nextCursor value from a previous page',
  },
  'http.calendarDate': { vi: 'phải là ngày viết theo dạng YYYY-MM-DD', en: 'must be a date written YYYY-MM-DD' },
  'http.timestampWithOffset': {
    vi: 'phải là thời điểm ISO 8601 kèm múi giờ, ví dụ 2026-05-20T06:30:00+07:00, hoặc một ngày YYYY-MM-DD',
    en: 'must be an ISO 8601 time with an offset, e.g. 2026-05-20T06:30:00+07:00, or a date YYYY-MM-DD',
  },
} satisfies Record<string, CatalogueEntry>;
