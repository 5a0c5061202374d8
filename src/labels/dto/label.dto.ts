import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';

export class ListLabelsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  batchId?: string;

  @IsOptional()
  @IsUUID()
  labelRunId?: string;
}

export class VoidLabelsDto {
  /** Serials to void (a damaged or misprinted label). */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10_000)
  @IsString({ each: true })
  @Matches(/^[0-9A-Z]{1,20}$/, { each: true, message: 'labels.eachSerialFormat' })
  serials?: string[];

  /** Or a whole run (a misprinted sheet, a lost roll). */
  @IsOptional()
  @IsUUID()
  labelRunId?: string;

  /** Why, shown to a consumer who scans a voided label. */
  @IsOptional()
  @IsString()
  @MaxLength(300)
  reason?: string;
}

export class LabelImageQuery {
  @IsOptional()
  @IsIn(['png', 'svg'])
  format?: 'png' | 'svg';
}

export type { LabelResponse } from '../labels.contract';
