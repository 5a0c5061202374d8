import { IsIn, IsNumber, IsObject, IsOptional, IsUUID, Max, Min } from 'class-validator';
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
  @IsIn(BIZ_STEPS)
  bizStep!: BizStep;

  /** ISO 8601 with offset. */
  @IsTimestampWithOffset()
  occurredAt!: string;

  /**
   * Step-specific facts. spraying: `pesticide` and `preHarvestIntervalDays` are required (and
   * `activeIngredient`, `dosage` are welcome); shipping: `destination`; inspecting: `result`...
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
}

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
  createdAt!: string;
}

export class BatchDetailResponse extends BatchResponse {
  product!: ProductResponse;
  household!: HouseholdResponse;
  plot!: PlotResponse | null;
  events!: BatchEventResponse[];
}
