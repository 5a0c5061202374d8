/**
 * Batches, their diaries and food safety as they travel on the wire (dates as ISO strings). Decorator- and
 * import-free but for other contracts, so the farm app type-checks against the same declarations.
 * Classes, not interfaces, so that the Swagger plugin (nest-cli.json) documents them in /docs.
 */
import type { ProductResponse } from '../catalog/catalog.contract';
import type { HouseholdResponse, PlotResponse } from '../registry/registry.contract';

export const BIZ_STEPS = ['planting', 'fertilizing', 'spraying', 'harvesting', 'packing', 'inspecting', 'shipping', 'receiving'] as const;
export type BizStep = (typeof BIZ_STEPS)[number];

/** Work done on a growing area before there is a harvest batch to hang it on. */
export const PLOT_ACTIVITIES = ['spraying', 'fertilizing', 'watering', 'pruning'] as const;
export type PlotActivityKind = (typeof PLOT_ACTIVITIES)[number];

export class SafetyWarning {
  code!: 'PRE_HARVEST_INTERVAL_NOT_ELAPSED';
  message!: string;
  sprayEventId!: string;
  sprayedAt!: string;
  pesticide!: string;
  preHarvestIntervalDays!: number;
  harvestedAt!: string;
  safeFrom!: string;
}

export class BatchEventResponse {
  id!: string;
  batchId!: string;
  bizStep!: BizStep;
  occurredAt!: string;
  details!: Record<string, unknown> | null;
  recordedAt!: string;
  /** The event this one corrects. */
  supersedes?: string | null;
  /** The event that corrected this one: it stays in the diary but no longer counts. */
  supersededBy?: string | null;
  correctionReason?: string | null;
}

export class SafetyOverrideResponse {
  reason!: string;
  /** The user who released the batch. */
  by!: string | null;
  at!: string;
  /** The safeFrom the release was given for; a later warning beyond it holds the batch again. */
  safeFrom!: string | null;
}

// The fields added with issue 12 are optional in the type only (so records built by other modules'
// fixtures stay valid); the API always sends them.
export class BatchResponse {
  id!: string;
  lotCode!: string;
  productId!: string;
  householdId!: string;
  plotId!: string | null;
  cooperativeId!: string;
  harvestedAt!: string;
  quantity!: number;
  unit!: string;
  status!: string;
  /** Food-safety problems found in the records (e.g. harvest inside a pesticide's pre-harvest interval). */
  safetyWarnings!: SafetyWarning[];
  /** True while the batch was harvested inside a pre-harvest interval that has not yet run out and no manager released it: no labels, no listings. */
  onHold?: boolean;
  /** When the last pre-harvest interval it broke runs out (null: none broken). */
  safeFrom?: string | null;
  safetyOverride?: SafetyOverrideResponse | null;
  /** The plot's certificate had expired when the batch was harvested. */
  certificateExpired?: boolean;
  version?: number;
  archivedAt?: string | null;
  createdAt!: string;
}

export class BatchDetailResponse extends BatchResponse {
  product!: ProductResponse;
  household!: HouseholdResponse;
  plot!: PlotResponse | null;
  events!: BatchEventResponse[];
}

export class PlotActivityResponse {
  id!: string;
  plotId!: string;
  activity!: PlotActivityKind;
  occurredAt!: string;
  details!: Record<string, unknown> | null;
  recordedAt!: string;
}

export class ActiveIntervalResponse {
  eventId!: string;
  /** The batch whose diary holds the spraying (any batch of the plot); null for a spraying in the plot's own diary. */
  batchId!: string | null;
  sprayedAt!: string;
  pesticide!: string | null;
  activeIngredient!: string | null;
  phiDays!: number;
  safeFrom!: string;
}

export class PlotSafetyResponse {
  plotId!: string;
  /** The end of the longest-running pre-harvest interval of the plot's sprayings (null: none recorded). */
  safeToHarvestFrom!: string | null;
  /** The same, as a date in Vietnam (YYYY-MM-DD). */
  safeToHarvestFromDate!: string | null;
  safeNow!: boolean;
  /** Sprayings whose interval has not run out yet. */
  activeIntervals!: ActiveIntervalResponse[];
}

export class PesticideResponse {
  id!: string;
  product!: string;
  activeIngredient!: string;
  kind!: string;
  crops!: string[];
  /** Pre-harvest interval (thời gian cách ly) in days, as printed on the label: check it against the product actually used. */
  phiDays!: number;
  /** Barred in export lychee areas by the Hải Dương plant protection sub-department. */
  exportRestricted!: boolean;
  /** False when the active ingredient is no longer on the permitted list. */
  registered!: boolean;
  targets!: string;
}

export class PesticideListResponse {
  items!: PesticideResponse[];
  nextCursor!: string | null;
  /** Where the table comes from; the values must be checked against the label of the product used. */
  source!: string;
  version!: string;
}
