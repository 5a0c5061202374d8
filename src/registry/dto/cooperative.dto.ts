import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IntersectionType } from '@nestjs/swagger';
import { AreaQuery } from '../../common/http/area-query.dto';
import { Cooperative } from '../cooperative.entity';
import { AddressChangesDto, AddressDto } from './address.dto';
import type { CooperativeResponse } from '../registry.contract';
import { RegistryListQuery, UnlessAbsent } from './registry-query.dto';

/** A landline, mobile or hotline as people write it: "0220 3852 123", "1900 1234", "+84 912 345 678". */
const PUBLIC_PHONE = /^\+?[0-9][0-9 .()-]{4,18}[0-9]$/;

export class CreateCooperativeDto extends AddressDto {
  /** e.g. "HTX Nông nghiệp Thanh Hà". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  /** Vietnamese tax code (mã số thuế): 10 digits, or 10 + "-" + 3 for a branch. */
  @IsOptional()
  @Matches(/^\d{10}(-\d{3})?$/, { message: 'registry.taxCodeFormat' })
  taxCode?: string;

  /** GS1 Vietnam company prefix (893...), 6 to 12 digits. */
  @IsOptional()
  @Matches(/^\d{6,12}$/, { message: 'registry.gs1PrefixFormat' })
  gs1CompanyPrefix?: string;

  /** The co-op office's public phone, shown to shoppers who scan its labels (never a member's own phone). */
  @IsOptional()
  @Matches(PUBLIC_PHONE, { message: 'registry.contactPhoneFormat' })
  contactPhone?: string;

  /** The co-op's public e-mail, shown to shoppers who scan its labels. */
  @IsOptional()
  @IsEmail({}, { message: 'registry.contactEmailFormat' })
  @MaxLength(254)
  contactEmail?: string;
}

/**
 * Fields left out stay as they are; `null` clears an optional one. The name (printed on labels) is
 * locked once the co-op has printed labels, the GS1 prefix once a product's GTIN carries it (409).
 */
export class UpdateCooperativeDto extends AddressChangesDto {
  @UnlessAbsent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @Matches(/^\d{10}(-\d{3})?$/, { message: 'registry.taxCodeFormat' })
  taxCode?: string | null;

  @IsOptional()
  @Matches(/^\d{6,12}$/, { message: 'registry.gs1PrefixFormat' })
  gs1CompanyPrefix?: string | null;

  @IsOptional()
  @Matches(PUBLIC_PHONE, { message: 'registry.contactPhoneFormat' })
  contactPhone?: string | null;

  @IsOptional()
  @IsEmail({}, { message: 'registry.contactEmailFormat' })
  @MaxLength(254)
  contactEmail?: string | null;
}

/** `province` and `commune` match without regard to case or diacritics ("thanh son" finds "Thanh Sơn"). */
export class ListCooperativesQuery extends IntersectionType(RegistryListQuery, AreaQuery) {}

export type { CooperativeResponse };

export function toCooperativeResponse(c: Cooperative): CooperativeResponse {
  return {
    id: c.id,
    name: c.name,
    province: c.province,
    commune: c.commune,
    district: c.district,
    taxCode: c.taxCode,
    gs1CompanyPrefix: c.gs1CompanyPrefix,
    contactPhone: c.contactPhone ?? null,
    contactEmail: c.contactEmail ?? null,
    version: c.version,
    archivedAt: c.archivedAt ? c.archivedAt.toISOString() : null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
