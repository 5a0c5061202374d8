import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';
import { maskNationalId } from '../../common/crypto/personal-data-cipher';
import { Household } from '../household.entity';

export class CreateHouseholdDto {
  @IsUUID()
  cooperativeId!: string;

  /** Name of the head of the household (chủ hộ). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  headName!: string;

  @IsString()
  @Matches(/^[\s\d+().-]{9,20}$/, { message: 'phone must be a Vietnamese phone number such as 0912345678' })
  phone!: string;

  /** Citizen ID (CCCD, 12 digits) or old ID card (CMND, 9 digits). Stored encrypted, returned masked. */
  @IsOptional()
  @Matches(/^(\d{9}|\d{12})$/, { message: 'nationalId must be 12 digits (CCCD) or 9 digits (CMND)' })
  nationalId?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  province!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  commune!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  district?: string;

  @IsOptional()
  @IsBoolean()
  digitalSkillsTrained?: boolean;
}

export class ListHouseholdsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  province?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  commune?: string;

  /** Part of the head's name or phone number. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  q?: string;
}

export class HouseholdResponse {
  id!: string;
  cooperativeId!: string;
  headName!: string;
  phone!: string;
  /** Masked: `********1234`. */
  nationalId!: string | null;
  province!: string;
  commune!: string;
  district!: string | null;
  digitalSkillsTrained!: boolean;
  createdAt!: string;
}

export function toHouseholdResponse(h: Household): HouseholdResponse {
  return {
    id: h.id,
    cooperativeId: h.cooperativeId,
    headName: h.headName,
    phone: h.phone,
    nationalId: maskNationalId(h.nationalIdLast4),
    province: h.province,
    commune: h.commune,
    district: h.district,
    digitalSkillsTrained: Boolean(h.digitalSkillsTrained),
    createdAt: h.createdAt.toISOString(),
  };
}
