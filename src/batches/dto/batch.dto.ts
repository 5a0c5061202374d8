import { IsIn, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { GS1_AI82 } from '../../common/gs1/gtin';
import { IsTimestampWithOffset } from '../../common/http/calendar-date';
import { PageQuery } from '../../common/http/pagination';
import { BIZ_STEPS } from '../batch-event.entity';
import type { BizStep } from '../batch-event.entity';

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

export type { BatchDetailResponse, BatchEventResponse, BatchResponse, SafetyOverrideResponse } from '../batches.contract';
