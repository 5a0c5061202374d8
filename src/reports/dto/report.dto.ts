import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class IndicatorsQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  province?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  commune?: string;

  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

export class ReconciliationQuery {
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}
