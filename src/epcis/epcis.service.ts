import { Injectable } from '@nestjs/common';
import { BatchesService } from '../batches/batches.service';
import type { Actor } from '../common/auth/actor';
import { Environment } from '../config/environment';
import { CooperativesService } from '../registry/cooperatives.service';
import { toEpcisDocument } from './epcis-document';
import type { JsonValue } from './event-hash';

@Injectable()
export class EpcisService {
  constructor(
    private readonly batches: BatchesService,
    private readonly cooperatives: CooperativesService,
    private readonly env: Environment,
  ) {}

  /** The batch's history as EPCIS 2.0 JSON-LD; same owners as GET /batches/:id. */
  async document(actor: Actor, batchId: string): Promise<Record<string, JsonValue>> {
    const detail = await this.batches.get(actor, batchId);
    const batch = await this.batches.findAccessible(actor, batchId);
    const cooperative = await this.cooperatives.findOrFail(batch.cooperativeId);
    return toEpcisDocument({
      batch: { ...detail, recallReason: batch.recallReason, recalledAt: batch.recalledAt?.toISOString() ?? null },
      cooperative: { id: cooperative.id, name: cooperative.name },
      baseUrl: this.env.PUBLIC_BASE_URL,
    });
  }
}
