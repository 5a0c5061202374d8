import type { Page } from '../../api/client';
import { cachedGet, type Cached } from '../../api/cached';
import { operations, type Operation } from '../../outbox';
import type { BatchPayload, PlotActivityPayload } from '../../outbox/operations';
import type { SessionUser } from '../../session/session';
import { kvGet, kvSet } from '../../storage/db';
import type {
  BatchResponse as Batch,
  PesticideResponse as Pesticide,
  PlotActivityResponse as PlotActivity,
  PlotSafetyResponse as PlotSafety,
} from '../../../../src/batches/batches.contract';
import type { ProductResponse as Product } from '../../../../src/catalog/catalog.contract';
import type { PlotResponse as Plot } from '../../../../src/registry/registry.contract';

/** The API's answers these screens read: the server's wire contracts (the *.contract.ts files under src/). */
export type { Batch, Pesticide, Plot, PlotActivity, PlotSafety, Product };

const DAY_MS = 86_400_000;

export const loadPlots = (user: SessionUser): Promise<Cached<Page<Plot>>> =>
  cachedGet(user.id, `/api/v1/households/${user.householdId}/plots?limit=500`);
export const loadSafety = (user: SessionUser, plotId: string): Promise<Cached<PlotSafety>> => cachedGet(user.id, `/api/v1/plots/${plotId}/safety`);
export const loadPesticides = (user: SessionUser): Promise<Cached<Page<Pesticide>>> => cachedGet(user.id, '/api/v1/pesticides?limit=500');
export const loadProducts = (user: SessionUser): Promise<Cached<Page<Product>>> => cachedGet(user.id, '/api/v1/products?limit=500');
export const loadBatches = (user: SessionUser): Promise<Cached<Page<Batch>>> =>
  cachedGet(user.id, `/api/v1/batches?householdId=${user.householdId}&limit=500`);
export const loadActivities = (user: SessionUser, plotId: string): Promise<Cached<Page<PlotActivity>>> =>
  cachedGet(user.id, `/api/v1/plots/${plotId}/activities?limit=500`);

/** Sprayings written on this phone that the server has not answered for yet (they count at once). */
export function localSprayings(plotId: string, ops: Operation[] = operations.value): { occurredAt: string; phiDays: number; pesticide: string }[] {
  return ops
    .filter((op) => op.kind === 'plotActivity' && op.state !== 'sent' && op.state !== 'refused')
    .map((op) => op.payload as PlotActivityPayload)
    .filter((p) => p.plotId === plotId && p.activity === 'spraying' && typeof p.details?.phiDays === 'number')
    .map((p) => ({ occurredAt: p.occurredAt, phiDays: p.details!.phiDays as number, pesticide: typeof p.details!.pesticide === 'string' ? p.details!.pesticide : '' }));
}

/** The date from which the plot may be harvested: the server's answer and the sprayings still on the phone. */
export function safeFromOf(plotId: string, safety: PlotSafety | null, ops?: Operation[]): Date | null {
  const dates = [
    ...(safety?.safeToHarvestFrom ? [Date.parse(safety.safeToHarvestFrom)] : []),
    ...localSprayings(plotId, ops).map((s) => Date.parse(s.occurredAt) + s.phiDays * DAY_MS),
  ];
  return dates.length ? new Date(Math.max(...dates)) : null;
}

/** Harvest lots made on this phone and not yet on the server: they can be packed already. */
export function localBatches(ops: Operation[] = operations.value): (BatchPayload & { id: string })[] {
  return ops.filter((op) => op.kind === 'batch' && op.state !== 'sent').map((op) => ({ id: op.id, ...(op.payload as BatchPayload) }));
}

/** What the last entry used, so the next one needs no typing (plot, product, pesticide, dose...). */
export interface LastEntry {
  plotId?: string;
  pesticideId?: string;
  dose?: string;
  fertilizer?: string;
  productId?: string;
  unit?: string;
  quantity?: string;
  batchId?: string;
}

export const lastEntry = (user: SessionUser): Promise<LastEntry> => kvGet<LastEntry>(`last-entry ${user.id}`).then((v) => v ?? {});
export const saveLastEntry = async (user: SessionUser, patch: LastEntry): Promise<void> =>
  kvSet(`last-entry ${user.id}`, { ...(await lastEntry(user)), ...patch });
