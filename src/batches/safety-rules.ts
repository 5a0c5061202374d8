import type { BatchEvent } from './batch-event.entity';
import type { SafetyWarning } from './batch.entity';

const DAY_MS = 86_400_000;

function vietnamDate(date: Date): string {
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A harvest inside the pre-harvest interval (PHI) of a spraying is a food-safety violation: it is
 * recorded and shown, never refused or hidden. Harvest times are the batch's harvestedAt and every
 * `harvesting` event; each spraying that declares `preHarvestIntervalDays` is checked against each.
 */
export function computeSafetyWarnings(
  batchHarvestedAt: Date,
  events: Pick<BatchEvent, 'id' | 'bizStep' | 'occurredAt' | 'details'>[],
): SafetyWarning[] {
  const harvests = [batchHarvestedAt, ...events.filter((e) => e.bizStep === 'harvesting').map((e) => e.occurredAt)];
  const warnings: SafetyWarning[] = [];
  for (const spray of events) {
    if (spray.bizStep !== 'spraying') continue;
    const phi = Number(spray.details?.preHarvestIntervalDays);
    if (!Number.isFinite(phi) || phi <= 0) continue;
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
