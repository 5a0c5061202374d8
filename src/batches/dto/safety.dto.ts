import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';

export class SafetyFlagsQuery extends PageQuery {
  /** Admins may pick a co-operative; managers always see their own. */
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
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

export type { ActiveIntervalResponse, PesticideListResponse, PesticideResponse, PlotSafetyResponse } from '../batches.contract';
