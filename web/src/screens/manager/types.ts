/**
 * The API's answers as these screens read them: the server's wire contracts (the *.contract.ts files under
 * src/) where it has them, the rest as declared here (see the DTOs under src/ and /docs-json).
 */
import type { Marketplace } from '../../../../src/marketplaces/marketplaces.contract';
import type { HouseholdResponse as Household, PlotResponse as Plot } from '../../../../src/registry/registry.contract';

export type { ChannelResponse as Channel, ListingResponse as Listing } from '../../../../src/listings/listings.contract';
export { MARKETPLACES, type Marketplace } from '../../../../src/marketplaces/marketplaces.contract';
export type {
  CertificationResponse as Certification,
  CertificationStatus,
  HouseholdResponse as Household,
  ImportResponse as ImportResult,
  PlotResponse as Plot,
} from '../../../../src/registry/registry.contract';

export interface Product {
  id: string;
  cooperativeId: string;
  name: string;
  variety: string | null;
  gtin: string | null;
  unit: string;
  packageNetWeightKg: number | null;
  shelfLifeDays: number | null;
  description: string | null;
}

export interface SafetyWarning {
  code: string;
  message: string;
  pesticide: string;
  preHarvestIntervalDays: number;
  sprayedAt: string;
  safeFrom: string;
}

export interface Batch {
  id: string;
  lotCode: string;
  productId: string;
  householdId: string;
  plotId: string | null;
  cooperativeId: string;
  harvestedAt: string;
  quantity: number;
  unit: string;
  status: string;
  safetyWarnings: SafetyWarning[];
  onHold?: boolean;
  safeFrom?: string | null;
  safetyOverride?: { reason: string; by: string | null; at: string; safeFrom: string | null } | null;
  certificateExpired?: boolean;
  version?: number;
  createdAt: string;
}

export interface BatchEvent {
  id: string;
  bizStep: string;
  occurredAt: string;
  details: Record<string, unknown> | null;
  supersededBy?: string | null;
  correctionReason?: string | null;
}

export interface BatchDetail extends Batch {
  product: Product;
  household: Household;
  plot: Plot | null;
  events: BatchEvent[];
}

export interface LabelRun {
  id: string;
  batchId: string;
  status: 'queued' | 'rendering' | 'done' | 'failed';
  progress: number;
  quantity: number;
  layout: 'a4-3x8' | 'thermal-50x30';
  format: 'pdf' | 'zpl';
  batchCapacity: number;
  fileBytes: number | null;
  error?: string;
  createdAt: string;
}

export interface Label {
  serial: string;
  url: string;
  status: string;
  labelRunId: string;
  batchId: string;
  scanCount: number;
}

export interface RecallResult {
  lotCode: string;
  reason: string;
  labels: { total: number; voided: number };
  listings: { id: string; title: string; channels: { marketplace: Marketplace; status: string }[] }[];
  orders: { id: string; marketplace: Marketplace; externalOrderId: string; quantity: number; orderedAt: string }[];
}
