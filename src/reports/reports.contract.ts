/**
 * The reports' answers as they travel on the wire (dates as ISO strings). Decorator- and import-free, so the
 * farm app type-checks against the same declarations (web/src/screens/province).
 * Classes, not interfaces, so that the Swagger plugin (nest-cli.json) documents them in /docs.
 */

/** The "1034" indicators (see README, "Indicators"). */
export class IndicatorsResponse {
  householdsRegistered!: number;
  householdsTrained!: number;
  /** Households with a batch behind a listing live on at least one marketplace, or behind a marketplace order. */
  householdsOnEcommerce!: number;
  productsListed!: number;
  listingsLive!: number;
  transactions!: number;
  labelsPrinted!: number;
  scans!: number;
}

export type ReconciliationFlag = 'LABELS_EXCEED_HARVEST' | 'SOLD_EXCEEDS_HARVEST' | 'YIELD_IMPLAUSIBLE';

export class BatchReconciliation {
  batchId!: string;
  lotCode!: string;
  cooperativeId!: string;
  plotId!: string | null;
  product!: string;
  status!: string;
  harvestedAt!: string;
  quantity!: number;
  unit!: string;
  /** null when the batch is counted in boxes of a product without a package weight. */
  kgHarvested!: number | null;
  /** Labelled packages the harvest can fill. */
  capacity!: number;
  labelsPrinted!: number;
  labelsScanned!: number;
  unitsSold!: number;
  flags!: ReconciliationFlag[];
}

export class PlotReconciliation {
  plotId!: string;
  code!: string;
  crop!: string;
  areaHa!: number;
  /** Harvest year in Vietnam time. */
  year!: number;
  batches!: number;
  kgHarvested!: number;
  kgPerHa!: number;
  maxKgPerHa!: number | null;
  labelsPrinted!: number;
  labelsScanned!: number;
  unitsSold!: number;
  flags!: ReconciliationFlag[];
}

export class ReconciliationResponse {
  batches!: BatchReconciliation[];
  plots!: PlotReconciliation[];
}

export class PhiHoldFlag {
  batchId!: string;
  lotCode!: string;
  product!: string;
  cooperativeId!: string;
  harvestedAt!: string;
  /** When the last pre-harvest interval the harvest broke runs out. */
  safeFrom!: string;
}

export class PhiOverrideFlag {
  batchId!: string;
  lotCode!: string;
  product!: string;
  cooperativeId!: string;
  reason!: string;
  /** When the co-op released the batch. */
  at!: string;
}

export class ExpiredCertificateFlag {
  plotId!: string;
  plotCode!: string;
  crop!: string;
  cooperativeId!: string;
  scheme!: string;
  /** The latest certificate of that scheme; it and every earlier one have ended. */
  number!: string;
  validUntil!: string;
}

export class LabelMismatchFlag {
  batchId!: string;
  lotCode!: string;
  product!: string;
  cooperativeId!: string;
  labelsPrinted!: number;
  unitsSold!: number;
  /** Labelled packages the harvest can fill. */
  capacity!: number;
  flags!: string[];
}

export class AreaActivityFlags {
  phiHolds!: PhiHoldFlag[];
  phiOverrides!: PhiOverrideFlag[];
  expiredCertificates!: ExpiredCertificateFlag[];
  labelMismatches!: LabelMismatchFlag[];
}

/** GET /api/v1/reports/area-activity: activity over time and food-safety flags of an area or a co-operative. */
export class AreaActivityResponse {
  /** Labels of the runs accepted each day (Vietnam's calendar), oldest first, days without runs left out. */
  labelsPrintedByDay!: { day: string; labels: number }[];
  /** Scans of the area's labels each day, oldest first. */
  scansByDay!: { day: string; scans: number }[];
  flags!: AreaActivityFlags;
}
