import type { BatchEvent } from './batch-event.entity';
import type { Batch, SafetyWarning } from './batch.entity';
import { phiDaysOf } from './event-details';

const DAY_MS = 86_400_000;

export function vietnamDate(date: Date): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A harvest inside the pre-harvest interval (PHI) of a spraying is a food-safety violation: it is
 * recorded and shown, never hidden. Harvest times are the batch's harvestedAt and every `harvesting`
 * event; each spraying with an interval (`phiDays`, or `preHarvestIntervalDays` as first recorded) is
 * checked against each. The caller passes the batch's own events and the sprayings of its plot, and
 * leaves out superseded events.
 */
export function computeSafetyWarnings(
  batchHarvestedAt: Date,
  events: Pick<BatchEvent, 'id' | 'bizStep' | 'occurredAt' | 'details'>[],
): SafetyWarning[] {
  const harvests = [batchHarvestedAt, ...events.filter((e) => e.bizStep === 'harvesting').map((e) => e.occurredAt)];
  const warnings: SafetyWarning[] = [];
  for (const spray of events) {
    if (spray.bizStep !== 'spraying') continue;
    const phi = phiDaysOf(spray.details);
    if (phi === null || phi <= 0) continue;
    const safeFrom = new Date(spray.occurredAt.getTime() + phi * DAY_MS);
    const pesticide = typeof spray.details?.pesticide === 'string' ? spray.details.pesticide : 'thuốc BVTV';
    const seen = new Set<number>();
    for (const harvest of harvests) {
      const t = harvest.getTime();
      if (seen.has(t) || t < spray.occurredAt.getTime() || t >= safeFrom.getTime()) continue;
      seen.add(t);
      warnings.push({
        code: 'PRE_HARVEST_INTERVAL_NOT_ELAPSED',
        message: `Thu hoạch ngày ${vietnamDate(harvest)} khi chưa hết thời gian cách ly ${phi} ngày sau khi phun ${pesticide} ngày ${vietnamDate(spray.occurredAt)} (an toàn từ ${vietnamDate(safeFrom)}).`,
        sprayEventId: spray.id,
        sprayedAt: spray.occurredAt.toISOString(),
        pesticide,
        preHarvestIntervalDays: phi,
        harvestedAt: harvest.toISOString(),
        safeFrom: safeFrom.toISOString(),
      });
    }
  }
  return warnings.sort((a, b) => a.harvestedAt.localeCompare(b.harvestedAt));
}

/** The latest date a batch's warnings become safe; null when it has none. */
export function latestSafeFrom(warnings: SafetyWarning[]): Date | null {
  const latest = warnings.reduce((max, w) => Math.max(max, Date.parse(w.safeFrom)), 0);
  return latest ? new Date(latest) : null;
}

export interface SafetyState {
  /** Labels and listings are refused until a manager releases the batch (with a reason, recorded). */
  onHold: boolean;
  safeFrom: Date | null;
  /** An override counts for the warnings it was given for: a later spraying that moves safeFrom holds the batch again. */
  overridden: boolean;
}

/**
 * Whether a batch is held. Fruit picked inside a pre-harvest interval was picked with the residue the
 * interval exists to avoid, and the calendar running on does not take it out of the box: the hold
 * lasts until a co-op manager releases the batch with a reason (a residue test, say), which is
 * recorded. `safeFrom` is the day harvesting that plot became safe: the date the 409 tells.
 */
export function safetyStateOf(batch: Pick<Batch, 'safeFrom' | 'safetyOverrideSafeFrom'>, _now = new Date()): SafetyState {
  const safeFrom = batch.safeFrom;
  const overridden = !!safeFrom && !!batch.safetyOverrideSafeFrom && batch.safetyOverrideSafeFrom.getTime() >= safeFrom.getTime();
  return { onHold: !!safeFrom && !overridden, safeFrom, overridden };
}
