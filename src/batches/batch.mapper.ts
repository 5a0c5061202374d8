import { BatchEvent } from './batch-event.entity';
import { Batch } from './batch.entity';
import type { BatchEventResponse, BatchResponse } from './dto/batch.dto';

export function toBatchResponse(b: Batch): BatchResponse {
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
  };
}
