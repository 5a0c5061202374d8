import type { FieldError } from '../../common/errors/domain-errors';
import type { Locale } from '../../common/i18n/locale';
import { translate } from '../../common/i18n/message';
import type { ImportResult } from '../household-import.service';

export class ImportRejectionResponse {
  /** The line of the file the row starts on (the header is line 1). */
  line!: number;
  errors!: FieldError[];
}

export class ImportResponse {
  /** Households registered. */
  created!: number;
  /** Rows not registered, each with its line and reasons. */
  rejected!: ImportRejectionResponse[];
  /** Header cells of columns the import does not know (an "STT" or "Ghi chú" column): named once, their cells not read. */
  ignoredColumns!: string[];
}

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
