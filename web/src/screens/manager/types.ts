/** The API's answers as these screens read them (see the DTOs under src/ and /docs-json). */

export interface Household {
  id: string;
  cooperativeId: string;
  headName: string;
  phone: string;
  nationalId: string | null;
  province: string;
  commune: string;
  district: string | null;
  digitalSkillsTrained: boolean;
  version: number;
}

export type CertificationStatus = 'revoked' | 'expired' | 'unverified' | 'expiring' | 'valid';

export interface Certification {
  id: string;
  plotId: string;
  scheme: 'VietGAP' | 'GlobalGAP' | 'Organic';
  number: string;
  issuer: string | null;
  issuedAt: string | null;
  validUntil: string;
  status: CertificationStatus;
  verified: boolean;
  verifiedAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  version: number;
}

export interface Plot {
  id: string;
  householdId: string;
  cooperativeId: string;
  code: string;
  areaHa: number;
  latitude: number;
  longitude: number;
  crop: string;
  certifications: Certification[];
  certificationStatus: CertificationStatus | 'none';
  certificationExpiresOn: string | null;
  version: number;
}

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

export const MARKETPLACES = ['lazada', 'tiki', 'shopee'] as const;
export type Marketplace = (typeof MARKETPLACES)[number];

export interface Channel {
  marketplace: Marketplace;
  status: 'pending' | 'syncing' | 'in_review' | 'live' | 'updating' | 'rejected' | 'failed' | 'delisted';
  externalId: string | null;
  attempts: number;
  lastError: string | null;
  syncedAt: string | null;
}

export interface Listing {
  id: string;
  productId: string;
  batchId: string | null;
  sellerSku: string;
  title: string;
  description: string;
  price: number;
  stock: number;
  state: string;
  channels: Channel[];
}

export interface RecallResult {
  lotCode: string;
  reason: string;
  labels: { total: number; voided: number };
  listings: { id: string; title: string; channels: { marketplace: Marketplace; status: string }[] }[];
  orders: { id: string; marketplace: Marketplace; externalOrderId: string; quantity: number; orderedAt: string }[];
}

export interface ImportResult {
  created: number;
  rejected: { line: number; errors: { field: string; message: string }[] }[];
  ignoredColumns: string[];
}
