import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { Cooperative } from '../cooperative.entity';

export class CreateCooperativeDto {
  /** e.g. "HTX Nông nghiệp Thanh Hà". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

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

  /** Vietnamese tax code (mã số thuế): 10 digits, or 10 + "-" + 3 for a branch. */
  @IsOptional()
  @Matches(/^\d{10}(-\d{3})?$/, { message: 'taxCode must be 10 digits, or 10 digits, a dash and 3 digits' })
  taxCode?: string;

  /** GS1 Vietnam company prefix (893...), 6 to 12 digits. */
  @IsOptional()
  @Matches(/^\d{6,12}$/, { message: 'gs1CompanyPrefix must be 6 to 12 digits' })
  gs1CompanyPrefix?: string;
}

export class CooperativeResponse {
  id!: string;
  name!: string;
  province!: string;
  commune!: string;
  district!: string | null;
  taxCode!: string | null;
  gs1CompanyPrefix!: string | null;
  createdAt!: string;
}

export function toCooperativeResponse(c: Cooperative): CooperativeResponse {
  return {
    id: c.id,
    name: c.name,
    province: c.province,
    commune: c.commune,
    district: c.district,
    taxCode: c.taxCode,
    gs1CompanyPrefix: c.gs1CompanyPrefix,
    createdAt: c.createdAt.toISOString(),
  };
}
