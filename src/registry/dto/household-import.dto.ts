import type { Locale } from '../../common/i18n/locale';
import { translate } from '../../common/i18n/message';
import type { ImportResult } from '../household-import.service';
import type { ImportResponse } from '../registry.contract';

export type { ImportResponse };

/** The import's outcome in the reader's language. */
export function toImportResponse(result: ImportResult, locale: Locale): ImportResponse {
  return {
    created: result.created,
    rejected: result.rejected.map((r) => ({
      line: r.line,
      errors: r.errors.map((e) => ({ field: e.field, message: translate(e.message, locale) })),
    })),
    ignoredColumns: result.ignoredColumns,
  };
}
