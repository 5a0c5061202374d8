import { InvalidInputError } from '../common/errors/domain-errors';
import { parseTimestamp } from '../common/http/calendar-date';
import { message } from '../common/i18n/message';

// Clocks on farmers' phones drift; a record a little in the future is accepted, a day ahead is a typo.
const FUTURE_TOLERANCE_MS = 24 * 3600_000;

/** When something happened on the farm (a harvest, a diary entry), as the phone sent it in `field`. */
export function parseRecordedTime(field: string, value: string): Date {
  const at = parseTimestamp(value);
  if (at.getTime() > Date.now() + FUTURE_TOLERANCE_MS) throw InvalidInputError.field(field, message('batches.inFuture'));
  return at;
}
