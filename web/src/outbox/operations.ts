import { ApiError, NetworkError, request } from '../api/client';
import type { Operation, SendOutcome } from './outbox';

/** The writes the app makes, each mapped to one API call that accepts the client's id. */
export interface PlotActivityPayload {
  plotId: string;
  activity: 'spraying' | 'fertilizing' | 'watering' | 'pruning';
  occurredAt: string;
  details?: Record<string, unknown>;
}

export interface BatchPayload {
  productId: string;
  householdId: string;
  plotId?: string;
  harvestedAt: string;
  quantity: number;
  unit: string;
}

export interface BatchEventPayload {
  batchId: string;
  bizStep: 'packing' | 'harvesting' | 'fertilizing' | 'spraying';
  occurredAt: string;
  details?: Record<string, unknown>;
}

/** An edit of a plot (its GPS position): `version` is the one the person saw, sent as If-Match. */
export interface PlotEditPayload {
  plotId: string;
  version: number;
  changes: { latitude?: number; longitude?: number };
  /** The person chose to keep their version over a newer one (412): sent without If-Match. */
  overwrite?: boolean;
}

/** A photo, already shrunk on the phone; IndexedDB keeps the Blob itself until it is sent. */
export interface PhotoPayload {
  subject: 'plot' | 'batch';
  subjectId: string;
  kind: 'certificate' | 'field' | 'harvest';
  image: Blob;
}

export type OperationKind = 'plotActivity' | 'batch' | 'batchEvent' | 'plotEdit' | 'photo';

function call(op: Operation): Promise<unknown> {
  switch (op.kind as OperationKind) {
    case 'plotActivity': {
      const { plotId, ...body } = op.payload as PlotActivityPayload;
      return request(`/api/v1/plots/${plotId}/activities`, { method: 'POST', body: { id: op.id, ...body } });
    }
    case 'batch':
      return request('/api/v1/batches', { method: 'POST', body: { id: op.id, ...(op.payload as BatchPayload) } });
    case 'batchEvent': {
      const { batchId, ...body } = op.payload as BatchEventPayload;
      return request(`/api/v1/batches/${batchId}/events`, { method: 'POST', body: { id: op.id, ...body } });
    }
    case 'photo': {
      const { subject, subjectId, kind, image } = op.payload as PhotoPayload;
      return request(`/api/v1/${subject === 'plot' ? 'plots' : 'batches'}/${subjectId}/photos?kind=${kind}&id=${op.id}`, { method: 'POST', rawBody: image });
    }
    case 'plotEdit': {
      const { plotId, version, changes, overwrite } = op.payload as PlotEditPayload;
      return request(`/api/v1/plots/${plotId}`, { method: 'PATCH', body: changes, headers: overwrite ? {} : { 'If-Match': `"${version}"` } });
    }
  }
}

/** Statuses that say "not now" rather than "no": the same request may succeed later. */
const TRANSIENT = new Set([401, 408, 425, 429, 500, 502, 503, 504]);

/** Sends one operation and classifies the answer for the outbox. */
export async function sendOperation(op: Operation): Promise<SendOutcome> {
  try {
    const response = (await call(op)) as { data: unknown };
    return { kind: 'sent', result: response.data };
  } catch (error) {
    if (error instanceof NetworkError) return { kind: 'later' };
    if (error instanceof ApiError) {
      if (TRANSIENT.has(error.status)) return { kind: 'later' };
      return {
        kind: 'refused',
        refusal: {
          status: error.status,
          detail: error.problem.detail,
          errors: error.problem.errors,
          current: error.problem.current,
        },
      };
    }
    return { kind: 'later' };
  }
}
