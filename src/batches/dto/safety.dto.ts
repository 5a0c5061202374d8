import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';

export class SafetyFlagsQuery extends PageQuery {
  /** Admins may pick a co-operative; managers always see their own. */
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
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

export const PESTICIDE_CROPS = ['lychee', 'longan'] as const;

export class ListPesticidesQuery extends PageQuery {
  @IsOptional()
  @IsIn(PESTICIDE_CROPS)
  crop?: (typeof PESTICIDE_CROPS)[number];

  /** Part of a trade name, active ingredient or pest, with or without diacritics. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
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
