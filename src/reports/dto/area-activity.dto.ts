/** GET /api/v1/reports/area-activity: activity over time and food-safety flags of an area or a co-operative. */
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

export class AreaActivityResponse {
  /** Labels of the runs accepted each day (Vietnam's calendar), oldest first, days without runs left out. */
  labelsPrintedByDay!: { day: string; labels: number }[];
  /** Scans of the area's labels each day, oldest first. */
  scansByDay!: { day: string; scans: number }[];
  flags!: AreaActivityFlags;
}
