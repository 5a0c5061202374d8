import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Narrows a list or a report to a place; how a name matches (case, diacritics, merged provinces) is the endpoint's. */
export class AreaQuery {
  /** Province or centrally-run city. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  province?: string;

  /** Commune or ward. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  commune?: string;
}
