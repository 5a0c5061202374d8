import { IsIn, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { GS1_AI82 } from '../../common/gs1/gtin';
import { IsTimestampWithOffset } from '../../common/http/calendar-date';
import { PageQuery } from '../../common/http/pagination';
import { ProductResponse } from '../../catalog/dto/product.dto';
import { HouseholdResponse } from '../../registry/dto/household.dto';
import { PlotResponse } from '../../registry/dto/plot.dto';
import { BIZ_STEPS } from '../batch-event.entity';
import type { BizStep } from '../batch-event.entity';
import type { SafetyWarning } from '../batch.entity';

export const BATCH_UNITS = ['kg', 'tonne', 'box', 'crate', 'piece'] as const;

export class CreateBatchDto {
  /**
   * The batch's id, made by the client (UUID v4) so the create can be sent again safely: the same id
   * with the same body answers the batch already made; with another body, 409.
   */
  @IsOptional()
  @IsUUID('4')
  id?: string;

  @IsUUID()
  productId!: string;

  @IsUUID()
  householdId!: string;

  /** The growing area the fruit was picked from; must belong to the household. */
  @IsOptional()
  @IsUUID()
  plotId?: string;

  /** When the harvest happened: 2026-06-12T05:30:00+07:00, or a date (read as midnight in Vietnam). */
  @IsTimestampWithOffset()
  harvestedAt!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(10_000_000)
  quantity!: number;

  @IsIn(BATCH_UNITS)
  unit!: string;
}

/**
 * Corrections of a batch. Once labels are printed, the fields they carry (lotCode, harvestedAt, plotId,
 * productId) are refused with 409; quantity and unit stay editable. `plotId: null` clears the plot.
 */
export class UpdateBatchDto {
  /** GS1 AI 10: at most 20 characters of the GS1 82-character set. */
  @IsOptional()
  @IsString()
  @Matches(GS1_AI82, { message: 'batches.lotCodeFormat' })
  lotCode?: string;

  @IsOptional()
  @IsUUID()
  productId?: string;

  @IsOptional()
  @IsUUID()
  plotId?: string | null;

  @IsOptional()
  @IsTimestampWithOffset()
  harvestedAt?: string;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0.001)
  @Max(10_000_000)
  quantity?: number;

  @IsOptional()
  @IsIn(BATCH_UNITS)
  unit?: string;
}

export class SafetyOverrideDto {
  /** Why the batch may be labelled and sold before its pre-harvest interval has run out (e.g. a residue test result). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason!: string;
}

export class ListBatchesQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  productId?: string;

  @IsOptional()
  @IsUUID()
  householdId?: string;

  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

export class CreateBatchEventDto {
  /** The event's id, made by the client (UUID v4): a repeated create answers the event already recorded. */
  @IsOptional()
  @IsUUID('4')
  id?: string;

  /** The id of an event of this batch that this one corrects (the diary is append-only; the old one stays, marked). */
  @IsOptional()
  @IsUUID()
  supersedes?: string;

  /** Why the earlier event was wrong; required with `supersedes`. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  correctionReason?: string;

  @IsIn(BIZ_STEPS)
  bizStep!: BizStep;

  /** ISO 8601 with offset. */
  @IsTimestampWithOffset()
  occurredAt!: string;

  /**
   * Step-specific facts. spraying: `pesticide` (product name) and/or `activeIngredient`, and `phiDays`
   * (thời gian cách ly), which is filled in from GET /api/v1/pesticides when the product is known there
   * (`preHarvestIntervalDays` is accepted as the earlier name); shipping: `destination`; inspecting: `result`...
   */
  @IsOptional()
  @IsObject()
  details?: Record<string, unknown>;
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
