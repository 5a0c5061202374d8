import { FieldError, InvalidInputError } from '../common/errors/domain-errors';
import type { BizStep } from './batch-event.entity';

const MAX_DETAILS_BYTES = 8192;

/**
 * Checks the step-specific part of an event. Only what later rules rely on is required (a spraying's
 * pesticide and pre-harvest interval); other keys are kept as recorded, within a size limit.
 */
export function validateEventDetails(
  bizStep: BizStep,
  details: Record<string, unknown> | null | undefined,
): Record<string, unknown> | null {
  const errors: FieldError[] = [];
  if (details !== undefined && details !== null) {
    if (JSON.stringify(details).length > MAX_DETAILS_BYTES)
      errors.push({ field: 'details', message: `must be at most ${MAX_DETAILS_BYTES} bytes of JSON` });
    for (const [key, value] of Object.entries(details)) {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key))
        errors.push({ field: `details.${key.slice(0, 64)}`, message: 'keys are letters, digits and _' });
      else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        errors.push({ field: `details.${key}`, message: 'must be a text, number, boolean or list' });
      }
    }
  }
  if (bizStep === 'spraying') {
    const pesticide = details?.pesticide;
    if (typeof pesticide !== 'string' || !pesticide.trim() || pesticide.length > 200) {
      errors.push({ field: 'details.pesticide', message: 'is required for spraying: the product name, up to 200 characters' });
    }
    const phi = details?.preHarvestIntervalDays;
    if (typeof phi !== 'number' || !Number.isInteger(phi) || phi < 0 || phi > 365) {
      errors.push({
        field: 'details.preHarvestIntervalDays',
        message: 'is required for spraying: whole days from 0 to 365 (thời gian cách ly)',
      });
    }
  }
  if (errors.length) throw new InvalidInputError(errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  return details ?? null;
}
