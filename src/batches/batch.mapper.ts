import { BatchEvent } from './batch-event.entity';
import { Batch } from './batch.entity';
import type { BatchEventResponse, BatchResponse } from './dto/batch.dto';
import { safetyStateOf } from './safety-rules';

export function toBatchResponse(b: Batch, extra: { certificateExpired?: boolean; now?: Date } = {}): BatchResponse {
  const safety = safetyStateOf(b, extra.now);
  return {
    id: b.id,
    lotCode: b.lotCode,
    productId: b.productId,
    householdId: b.householdId,
    plotId: b.plotId,
    cooperativeId: b.cooperativeId,
    harvestedAt: b.harvestedAt.toISOString(),
    quantity: Number(b.quantity),
    unit: b.unit,
    status: b.status,
    safetyWarnings: b.safetyWarnings ?? [],
    onHold: safety.onHold,
    safeFrom: safety.safeFrom?.toISOString() ?? null,
    safetyOverride:
      b.safetyOverrideAt && b.safetyOverrideReason
        ? {
            reason: b.safetyOverrideReason,
            by: b.safetyOverrideBy,
            at: b.safetyOverrideAt.toISOString(),
            safeFrom: b.safetyOverrideSafeFrom?.toISOString() ?? null,
          }
        : null,
    certificateExpired: extra.certificateExpired ?? false,
    version: b.version,
    archivedAt: b.archivedAt?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
  };
}

export function toBatchEventResponse(e: BatchEvent): BatchEventResponse {
  return {
    id: e.id,
    batchId: e.batchId,
    bizStep: e.bizStep,
    occurredAt: e.occurredAt.toISOString(),
    details: e.details,
    recordedAt: e.createdAt.toISOString(),
    supersedes: e.supersedes ?? null,
    supersededBy: e.supersededBy ?? null,
    correctionReason: e.correctionReason ?? null,
  };
}
