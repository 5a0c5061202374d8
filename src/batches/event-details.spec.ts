import { InvalidInputError } from '../common/errors/domain-errors';
import { validateEventDetails } from './event-details';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return ((error as InvalidInputError).errors ?? []).map((e) => e.field);
  }
  throw new Error('accepted');
}

describe('validateEventDetails', () => {
  it('requires a product or active ingredient, and a whole-day interval unless the pesticide table knows the product', () => {
    expect(fieldsOf(() => validateEventDetails('spraying', undefined))).toEqual(['details.pesticide', 'details.phiDays']);
    expect(fieldsOf(() => validateEventDetails('spraying', null))).toEqual(['details.pesticide', 'details.phiDays']);
    expect(fieldsOf(() => validateEventDetails('spraying', { pesticide: ' ', phiDays: 7 }))).toEqual(['details.pesticide']);
    expect(fieldsOf(() => validateEventDetails('spraying', { pesticide: 'X', phiDays: 1.5 }))).toEqual(['details.phiDays']);
    expect(fieldsOf(() => validateEventDetails('spraying', { pesticide: 'X', preHarvestIntervalDays: '7' }))).toEqual([
      'details.preHarvestIntervalDays',
    ]);
    expect(fieldsOf(() => validateEventDetails('spraying', { pesticide: 'X', phiDays: 366 }))).toEqual(['details.phiDays']);
    expect(fieldsOf(() => validateEventDetails('spraying', { pesticide: 'X' }))).toEqual(['details.phiDays']);
    expect(validateEventDetails('spraying', { pesticide: 'Thuốc tự pha', preHarvestIntervalDays: 7, dosage: '10ml/16l' })).toEqual({
      pesticide: 'Thuốc tự pha',
      preHarvestIntervalDays: 7,
      phiDays: 7,
      phiSource: 'entered',
      dosage: '10ml/16l',
    });
    expect(validateEventDetails('spraying', { activeIngredient: 'Abamectin' })).toEqual({
      activeIngredient: 'Abamectin',
      phiDays: 7,
      preHarvestIntervalDays: 7,
      phiSource: 'table',
      pesticideTableId: 'abamectin-36ec',
      exportRestricted: true,
    });
  });

  it('keeps other steps free-form, but refuses nested objects, odd keys and oversized details', () => {
    expect(validateEventDetails('packing', undefined)).toBeNull();
    expect(validateEventDetails('packing', null)).toBeNull();
    expect(validateEventDetails('shipping', { destination: 'Hà Nội', crates: 40, tags: ['a'] })).toEqual({
      destination: 'Hà Nội',
      crates: 40,
      tags: ['a'],
    });
    expect(fieldsOf(() => validateEventDetails('shipping', { destination: { city: 'Hà Nội' } }))).toEqual(['details.destination']);
    expect(fieldsOf(() => validateEventDetails('shipping', { 'bad key': 1 }))).toEqual(['details.bad key']);
    expect(fieldsOf(() => validateEventDetails('shipping', { note: 'x'.repeat(9000) }))).toEqual(['details']);
  });
});
