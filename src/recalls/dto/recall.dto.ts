import { IsString, MaxLength, MinLength } from 'class-validator';
import type { Marketplace } from '../../marketplaces/marketplace';

export class RecallBatchDto {
  /** Shown to every shopper who scans a label of the batch. */
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  reason!: string;
}

export interface RecallResponse {
  batchId: string;
  lotCode: string;
  status: 'recalled';
  reason: string;
  recalledAt: string;
  /** Labels of the batch, and how many this call voided (labels voided earlier keep their own reason). */
  labels: { total: number; voided: number };
  listings: { id: string; title: string; sellerSku: string; channels: { marketplace: Marketplace; status: string }[] }[];
  /** Orders that drew from the lot: whom to reach through each marketplace. */
  orders: { id: string; marketplace: Marketplace; externalOrderId: string; quantity: number; orderedAt: string; buyerRef: string | null }[];
}
