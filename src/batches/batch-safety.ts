import { EntityManager, In, IsNull } from 'typeorm';
import { ConflictError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import { dialectOf } from '../database/sql-dialect';
import type { PlotCertification } from '../registry/plot-certification.entity';
import { BatchEvent } from './batch-event.entity';
import { PlotActivity } from './plot-activity.entity';
import { Batch } from './batch.entity';
import { computeSafetyWarnings, latestSafeFrom, safetyStateOf, vietnamDate } from './safety-rules';

/**
 * Locks the batches whose safety a write can change, in id order (so two writers never deadlock):
 * the batches named, and every batch of the plots named, because a spraying recorded on one batch
 * of a plot holds every batch harvested from that plot inside its interval.
 */
export async function lockSafetyScope(manager: EntityManager, scope: { ids: string[]; plotIds: (string | null)[] }): Promise<Batch[]> {
  const plotIds = [...new Set(scope.plotIds.filter((p): p is string => !!p))];
  const conditions = [...(scope.ids.length ? ['b.id IN (:...ids)'] : []), ...(plotIds.length ? ['b.plotId IN (:...plotIds)'] : [])];
  if (!conditions.length) return [];
  const qb = manager.createQueryBuilder(Batch, 'b').where(`(${conditions.join(' OR ')})`, { ids: scope.ids, plotIds });
  qb.orderBy('b.id', 'ASC');
  // SQLite has one writer at a time already; PostgreSQL needs the row locks.
  dialectOf(manager).lockRows(qb);
  return qb.getMany();
}

/**
 * Recomputes the safety warnings of `batches` (all of each plot's batches, as locked by
 * lockSafetyScope) from their events, superseded ones left out, and writes those that changed.
 * `pending` is a batch not inserted yet (a create): it is computed but not written. Answers the ids
 * whose warnings changed, so their consumer pages can be dropped from caches.
 */
export async function refreshSafety(manager: EntityManager, batches: Batch[], pending?: Batch): Promise<string[]> {
  const all = pending ? [...batches.filter((b) => b.id !== pending.id), pending] : batches;
  const stored = batches.map((b) => b.id);
  const events = stored.length
    ? await manager.find(BatchEvent, { where: { batchId: In(stored), supersededBy: IsNull() }, order: { occurredAt: 'ASC', id: 'ASC' } })
    : [];
  const plotSprayings = await plotSprayingsOf(
    manager,
    all.map((b) => b.plotId),
  );
  const changed: string[] = [];
  for (const batch of all) {
    const relevant = [
      ...events.filter(
        (e) =>
          e.batchId === batch.id ||
          (e.bizStep === 'spraying' && batch.plotId !== null && all.some((o) => o.id === e.batchId && o.plotId === batch.plotId)),
      ),
      ...plotSprayings
        .filter((s) => s.plotId === batch.plotId)
        .map((s) => ({ id: s.id, bizStep: 'spraying' as const, occurredAt: s.occurredAt, details: s.details })),
    ];
    const warnings = computeSafetyWarnings(batch.harvestedAt, relevant);
    const safeFrom = latestSafeFrom(warnings);
    const same =
      JSON.stringify(warnings) === JSON.stringify(batch.safetyWarnings ?? []) &&
      (safeFrom?.getTime() ?? null) === (batch.safeFrom?.getTime() ?? null);
    batch.safetyWarnings = warnings;
    batch.safeFrom = safeFrom;
    if (same || batch === pending) continue;
    await manager.update(Batch, { id: batch.id }, { safetyWarnings: warnings, safeFrom });
    changed.push(batch.id);
  }
  return changed;
}

/** Sprayings written in the plots' own diaries (plot_activities), which hold their batches like any other. */
export async function plotSprayingsOf(manager: EntityManager, plotIds: (string | null)[]): Promise<PlotActivity[]> {
  const ids = [...new Set(plotIds.filter((p): p is string => !!p))];
  if (!ids.length) return [];
  return manager.find(PlotActivity, { where: { plotId: In(ids), activity: 'spraying' }, order: { occurredAt: 'ASC', id: 'ASC' } });
}

/**
 * Refuses labels and listings for a batch that is archived or on a food-safety hold (409 with the
 * date it becomes safe). An unknown batch passes: the caller tells it in its own words.
 */
export async function assertBatchReleasable(manager: EntityManager, batchId: string, now = new Date()): Promise<void> {
  const batch = await manager.findOne(Batch, { where: { id: batchId } });
  if (!batch) return;
  if (batch.archivedAt) throw new ConflictError(message('batches.archived', { lotCode: batch.lotCode }), { extra: { batchId } });
  const state = safetyStateOf(batch, now);
  if (state.onHold && state.safeFrom) {
    const safeFromDate = vietnamDate(state.safeFrom);
    throw new ConflictError(message('batches.onHold', { lotCode: batch.lotCode, safeFrom: safeFromDate }), {
      extra: { batchId, lotCode: batch.lotCode, onHold: true, safeFrom: state.safeFrom.toISOString(), safeFromDate },
    });
  }
}

/**
 * Whether the plot's certificate had expired on the harvest day: for some scheme, a certificate ran out
 * before that day and none of the same scheme was still valid (a renewal keeps the batch unflagged).
 */
export function certificateExpiredAt(certifications: Pick<PlotCertification, 'scheme' | 'validUntil'>[], harvestedAt: Date): boolean {
  const day = vietnamDate(harvestedAt);
  const schemes = new Set(certifications.map((c) => c.scheme));
  return [...schemes].some((scheme) => {
    const of = certifications.filter((c) => c.scheme === scheme);
    return of.some((c) => c.validUntil < day) && !of.some((c) => c.validUntil >= day);
  });
}

/** Whether any label was printed for the batch: the fields a label carries are then fixed. */
export async function batchHasLabels(manager: EntityManager, batchId: string): Promise<boolean> {
  const row: unknown = await manager
    .createQueryBuilder()
    .select('1', 'one')
    .from('labels', 'l')
    .where('l.batch_id = :batchId', { batchId })
    .limit(1)
    .getRawOne();
  return row !== undefined && row !== null;
}
