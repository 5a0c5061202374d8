import { FieldProblem, InvalidInputError } from '../common/errors/domain-errors';
import { message, translate } from '../common/i18n/message';
import type { BizStep } from './batch-event.entity';
import { findPesticide } from './pesticides/pesticide-table';

const MAX_DETAILS_BYTES = 8192;

function isWholeDays(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 365;
}

/**
 * Checks the step-specific part of an event. Only what later rules rely on is required: a spraying
 * names its product or active ingredient, and has a pre-harvest interval (`phiDays`), filled in from
 * the pesticide table when the farmer leaves it out and the product is known there. Other keys are
 * kept as recorded, within a size limit. `preHarvestIntervalDays` (the earlier name) is accepted and
 * kept equal to `phiDays`, because the records already export it under that name.
 */
export function validateEventDetails(
  bizStep: BizStep,
  details: Record<string, unknown> | null | undefined,
): Record<string, unknown> | null {
  const errors: FieldProblem[] = [];
  if (details !== undefined && details !== null) {
    if (JSON.stringify(details).length > MAX_DETAILS_BYTES)
      errors.push({ field: 'details', message: message('batches.detailsTooLarge', { max: MAX_DETAILS_BYTES }) });
    for (const [key, value] of Object.entries(details)) {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(key))
        errors.push({ field: `details.${key.slice(0, 64)}`, message: message('batches.detailsKey') });
      else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        errors.push({ field: `details.${key}`, message: message('batches.detailsValue') });
      }
    }
  }
  let result = details ?? null;
  if (bizStep === 'spraying') {
    const named = (value: unknown) => typeof value === 'string' && value.trim() !== '' && value.length <= 200;
    const pesticide = details?.pesticide;
    const ingredient = details?.activeIngredient;
    const badName = (v: unknown) => v !== undefined && v !== null && !named(v);
    if ((!named(pesticide) && !named(ingredient)) || badName(pesticide) || badName(ingredient)) {
      errors.push({
        field: badName(ingredient) && !badName(pesticide) ? 'details.activeIngredient' : 'details.pesticide',
        message: message('batches.pesticideRequired'),
      });
    }
    const entered = [
      ['phiDays', details?.phiDays],
      ['preHarvestIntervalDays', details?.preHarvestIntervalDays],
    ].filter(([, v]) => v !== undefined && v !== null) as [string, unknown][];
    const known = findPesticide(pesticide, ingredient);
    for (const [key, value] of entered)
      if (!isWholeDays(value)) errors.push({ field: `details.${key}`, message: message('batches.phiRequired') });
    if (entered.length === 2 && entered.every(([, v]) => isWholeDays(v)) && entered[0][1] !== entered[1][1]) {
      errors.push({ field: 'details.phiDays', message: message('batches.phiConflict') });
    }
    if (!entered.length && !known) errors.push({ field: 'details.phiDays', message: message('batches.phiRequired') });
    if (!errors.length) {
      const phiDays = entered.length ? (entered[0][1] as number) : known!.phiDays;
      result = {
        ...details,
        phiDays,
        preHarvestIntervalDays: phiDays,
        // What the interval rests on: the farmer's entry (from the label in hand) or the table.
        phiSource: entered.length ? 'entered' : 'table',
        ...(known ? { pesticideTableId: known.id, exportRestricted: known.exportRestricted } : {}),
      };
    }
  }
  if (errors.length) {
    throw new InvalidInputError((locale) => errors.map((e) => `${e.field}: ${translate(e.message, locale)}`).join('; '), { errors });
  }
  return result;
}

/** A spraying's interval in days, whichever name it was recorded under; null when it has none. */
export function phiDaysOf(details: Record<string, unknown> | null): number | null {
  const value = details?.phiDays ?? details?.preHarvestIntervalDays;
  const days = Number(value);
  return value === undefined || value === null || !Number.isFinite(days) ? null : days;
}
