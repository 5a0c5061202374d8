import { IsIn, IsObject, IsOptional, IsUUID } from 'class-validator';
import { IsTimestampWithOffset } from '../../common/http/calendar-date';
import { PageQuery } from '../../common/http/pagination';
import { PLOT_ACTIVITIES } from '../plot-activity.entity';
import type { PlotActivityKind } from '../plot-activity.entity';

export class CreatePlotActivityDto {
  /** The record's id, made by the phone (UUID v4) so the create is safe to send again. */
  @IsOptional()
  @IsUUID('4')
  id?: string;

  @IsIn(PLOT_ACTIVITIES)
  activity!: PlotActivityKind;

  /** ISO 8601 with offset, or a date (read as midnight in Vietnam). */
  @IsTimestampWithOffset()
  occurredAt!: string;

  /**
   * spraying: `pesticide` and/or `activeIngredient`, and `phiDays` unless the product is in
   * GET /api/v1/pesticides (then it is filled in); fertilizing: e.g. `product`, `dose`; others free.
   */
  @IsOptional()
  @IsObject()
  details?: Record<string, unknown>;
}

export class ListPlotActivitiesQuery extends PageQuery {}

export type { PlotActivityResponse } from '../batches.contract';
