import { IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IntersectionType } from '@nestjs/swagger';
import { AreaQuery } from '../../common/http/area-query.dto';
import { maskNationalId } from '../../common/crypto/personal-data-cipher';
import { Household } from '../household.entity';
import { AddressChangesDto, AddressDto } from './address.dto';
import type { HouseholdResponse } from '../registry.contract';
import { RegistryListQuery, UnlessAbsent } from './registry-query.dto';

const PHONE = /^[\s\d+().-]{9,20}$/;
const NATIONAL_ID = /^(\d{9}|\d{12})$/;

export class CreateHouseholdDto extends AddressDto {
  /**
   * The record's id, made by the client (UUID v4) so a create sent twice (lost answer, app restart)
   * makes one household: the repeat answers the same record; the same id with another body is 409.
   */
  @IsOptional()
  @IsUUID('4')
  id?: string;

  /** Defaults to the manager's own co-operative; required for the province office. */
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  /** Name of the head of the household (chủ hộ). */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  headName!: string;

  @IsString()
  @Matches(PHONE, { message: 'registry.phoneFormat' })
  phone!: string;

  /** Citizen ID (CCCD, 12 digits) or old ID card (CMND, 9 digits). Stored encrypted, returned masked. */
  @IsOptional()
  @Matches(NATIONAL_ID, { message: 'registry.nationalIdFormat' })
  nationalId?: string;

  @IsOptional()
  @IsBoolean()
  digitalSkillsTrained?: boolean;
}

/** Fields left out stay as they are; `null` clears an optional one (nationalId, district). */
export class UpdateHouseholdDto extends AddressChangesDto {
  @UnlessAbsent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  headName?: string;

  @UnlessAbsent()
  @IsString()
  @Matches(PHONE, { message: 'registry.phoneFormat' })
  phone?: string;

  @IsOptional()
  @Matches(NATIONAL_ID, { message: 'registry.nationalIdFormat' })
  nationalId?: string | null;

  @UnlessAbsent()
  @IsBoolean()
  digitalSkillsTrained?: boolean;
}

/** `province` and `commune` match without regard to case or diacritics ("thanh son" finds "Thanh Sơn"). */
export class ListHouseholdsQuery extends IntersectionType(RegistryListQuery, AreaQuery) {
  /** Defaults to the manager's own co-operative. */
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  // `q`: part of the head's name (without regard to case or diacritics) or of the phone number.
}

export type { HouseholdResponse };

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
    version: h.version,
    archivedAt: h.archivedAt ? h.archivedAt.toISOString() : null,
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
  };
}
