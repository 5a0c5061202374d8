import { IsOptional, IsUUID } from 'class-validator';
import { AreaQuery } from '../../common/http/area-query.dto';

export class IndicatorsQuery extends AreaQuery {
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

export class ReconciliationQuery {
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}
