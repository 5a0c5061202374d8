import type { BatchEvent } from './batch-event.entity';
import { computeSafetyWarnings, safetyStateOf } from './safety-rules';

type EventInput = Pick<BatchEvent, 'id' | 'bizStep' | 'occurredAt' | 'details'>;

const spray = (id: string, at: string, phi: unknown, pesticide: unknown = 'Abamectin 3.6EC'): EventInput => ({
  id,
  bizStep: 'spraying',
  occurredAt: new Date(at),
  details: { pesticide, preHarvestIntervalDays: phi },
});
const harvest = (id: string, at: string): EventInput => ({ id, bizStep: 'harvesting', occurredAt: new Date(at), details: null });

describe('computeSafetyWarnings', () => {
  const harvestedAt = new Date('2026-06-10T06:00:00+07:00');

  it('flags a harvest inside the pre-harvest interval of an earlier spraying', () => {
    const warnings = computeSafetyWarnings(harvestedAt, [spray('s1', '2026-06-05T07:00:00+07:00', 7)]);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'PRE_HARVEST_INTERVAL_NOT_ELAPSED',
        sprayEventId: 's1',
        pesticide: 'Abamectin 3.6EC',
        preHarvestIntervalDays: 7,
        harvestedAt: harvestedAt.toISOString(),
        safeFrom: new Date('2026-06-12T07:00:00+07:00').toISOString(),
      }),
    ]);
    expect(warnings[0].message).toContain('7 ngày');
  });

  it('does not flag a harvest once the interval has passed, nor at the exact end of it', () => {
    expect(computeSafetyWarnings(harvestedAt, [spray('s1', '2026-05-20T07:00:00+07:00', 7)])).toEqual([]);
    expect(computeSafetyWarnings(new Date('2026-06-12T07:00:00+07:00'), [spray('s1', '2026-06-05T07:00:00+07:00', 7)])).toEqual([]);
  });

  it('ignores a spraying after the harvest (it concerns a later crop)', () => {
    expect(computeSafetyWarnings(harvestedAt, [spray('s1', '2026-06-11T07:00:00+07:00', 7)])).toEqual([]);
  });

  it('checks every harvesting event as well as the batch harvest time', () => {
    const warnings = computeSafetyWarnings(new Date('2026-05-01T06:00:00+07:00'), [
      spray('s1', '2026-06-01T07:00:00+07:00', 14),
      harvest('h1', '2026-06-08T06:00:00+07:00'),
      harvest('h2', '2026-06-20T06:00:00+07:00'),
    ]);
    expect(warnings.map((w) => w.harvestedAt)).toEqual([new Date('2026-06-08T06:00:00+07:00').toISOString()]);
  });

  it('reports one warning per spraying, sorted by harvest time, without duplicates for the same instant', () => {
    const warnings = computeSafetyWarnings(harvestedAt, [
      spray('s2', '2026-06-08T07:00:00+07:00', 3, 'Cypermethrin'),
      spray('s1', '2026-06-01T07:00:00+07:00', 14),
      harvest('h1', '2026-06-10T06:00:00+07:00'),
    ]);
    expect(warnings.map((w) => w.sprayEventId).sort()).toEqual(['s1', 's2']);
  });

  it('skips sprayings without a usable interval (zero, negative, missing) and names an unnamed pesticide', () => {
    expect(computeSafetyWarnings(harvestedAt, [spray('s1', '2026-06-09T07:00:00+07:00', 0)])).toEqual([]);
    expect(computeSafetyWarnings(harvestedAt, [spray('s1', '2026-06-09T07:00:00+07:00', -3)])).toEqual([]);
    expect(computeSafetyWarnings(harvestedAt, [spray('s1', '2026-06-09T07:00:00+07:00', undefined)])).toEqual([]);
    const [warning] = computeSafetyWarnings(harvestedAt, [spray('s1', '2026-06-09T07:00:00+07:00', 2, 42)]);
    expect(warning.pesticide).toBe('thuốc BVTV');
  });

  it('ignores events of other steps', () => {
    const fertilizing: EventInput = {
      id: 'f',
      bizStep: 'fertilizing',
      occurredAt: new Date('2026-06-09T07:00:00+07:00'),
      details: { preHarvestIntervalDays: 30 },
    };
    expect(computeSafetyWarnings(harvestedAt, [fertilizing])).toEqual([]);
  });
});

describe('safetyStateOf', () => {
  const safeFrom = new Date('2026-06-20T00:00:00+07:00');

  it('keeps a batch picked inside a pre-harvest interval on hold after the interval has run out, until it is released', () => {
    const months = new Date('2026-09-01T00:00:00+07:00');
    expect(safetyStateOf({ safeFrom, safetyOverrideSafeFrom: null }, months)).toEqual({ onHold: true, safeFrom, overridden: false });
    expect(safetyStateOf({ safeFrom, safetyOverrideSafeFrom: safeFrom }, months)).toEqual({ onHold: false, safeFrom, overridden: true });
  });

  it('holds again when a later spraying moves the safe date past the release', () => {
    const later = new Date('2026-06-25T00:00:00+07:00');
    expect(safetyStateOf({ safeFrom: later, safetyOverrideSafeFrom: safeFrom }).onHold).toBe(true);
  });

  it('does not hold a batch picked after every interval', () => {
    expect(safetyStateOf({ safeFrom: null, safetyOverrideSafeFrom: null }).onHold).toBe(false);
  });
});
