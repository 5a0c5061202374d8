/**
 * A recall's answer as it travels on the wire (dates as ISO strings). Decorator- and import-free but for other
 * contracts, so the farm app type-checks against the same declaration (web/src/screens/manager).
 * Classes, not interfaces, so that the Swagger plugin (nest-cli.json) documents them in /docs.
 */
import type { Marketplace } from '../marketplaces/marketplaces.contract';

export class RecallResponse {
  batchId!: string;
  lotCode!: string;
  status!: 'recalled';
  reason!: string;
  recalledAt!: string;
  /** Labels of the batch, and how many this call voided (labels voided earlier keep their own reason). */
  labels!: { total: number; voided: number };
  listings!: { id: string; title: string; sellerSku: string; channels: { marketplace: Marketplace; status: string }[] }[];
  /** Orders that drew from the lot: whom to reach through each marketplace. */
  orders!: { id: string; marketplace: Marketplace; externalOrderId: string; quantity: number; orderedAt: string; buyerRef: string | null }[];
}
