import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { UnlessAbsent } from './registry-query.dto';

/** Where a co-operative or household is, under the two tiers in force since 1 July 2025. */
export class AddressDto {
  /** Province or centrally-run city, e.g. "Hải Phòng". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  province!: string;

  /** Commune or ward, e.g. "Thanh Hà". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  commune!: string;

  /** Only for addresses recorded under the old three-tier system (before 1 July 2025). */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;
}

/** A corrected address: province and commune may be changed but not cleared; `null` clears the district. */
export class AddressChangesDto {
  @UnlessAbsent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  province?: string;

  @UnlessAbsent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  commune?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string | null;
}
