import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  Max,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/http/calendar-date';
import { bestCertificate, certificationStatus, todayInVietnam } from '../certification-rules';
import { CERTIFICATION_SCHEMES, PlotCertification } from '../plot-certification.entity';
import type { CertificationScheme } from '../plot-certification.entity';
import { Plot } from '../plot.entity';
import type { CertificationResponse, PlotResponse } from '../registry.contract';
import { RegistryListQuery, UnlessAbsent } from './registry-query.dto';

const PLOT_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{1,39}$/;

export class CertificationDto {
  @IsIn(CERTIFICATION_SCHEMES)
  scheme!: CertificationScheme;

  /** Certificate number as printed, e.g. "VietGAP-TT-14-05-30-0001". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  number!: string;

  /** Certifying body. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  issuer?: string;

  /** YYYY-MM-DD, as printed on the certificate; the scheme's longest validity counts from it. */
  @IsOptional()
  @IsCalendarDate({ message: 'registry.dateFormat' })
  issuedAt?: string;

  /**
   * YYYY-MM-DD. Checked against the scheme: VietGAP at most 2 years after issuedAt (or today when it
   * is not given), GlobalG.A.P. at most 1 year.
   */
  @IsCalendarDate({ message: 'registry.dateFormat' })
  validUntil!: string;
}

/** Adds a certificate to a plot; `id` made by the client makes a repeated create answer the same certificate. */
export class CreateCertificationDto extends CertificationDto {
  @IsOptional()
  @IsUUID('4')
  id?: string;
}

/**
 * Renews (new `number`, `issuedAt`, `validUntil`, `issuer`) or revokes (`{ revoked: true, reason }`) a
 * certificate. A renewal entered by a farmer needs verifying again.
 */
export class UpdateCertificationDto {
  @UnlessAbsent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  number?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  issuer?: string | null;

  @IsOptional()
  @IsCalendarDate({ message: 'registry.dateFormat' })
  issuedAt?: string | null;

  @UnlessAbsent()
  @IsCalendarDate({ message: 'registry.dateFormat' })
  validUntil?: string;

  /** `true` revokes the certificate for good (a reason is required). */
  @UnlessAbsent()
  @IsIn([true], { message: 'registry.revokedMustBeTrue' })
  revoked?: true;

  @UnlessAbsent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}

export class CreatePlotDto {
  /** The plot's id, made by the client (UUID v4): a create sent twice makes one plot. */
  @IsOptional()
  @IsUUID('4')
  id?: string;

  /** Planting-area code (mã số vùng trồng), e.g. "VN-HDOR-0012". */
  @IsString()
  @Matches(PLOT_CODE, { message: 'registry.plotCodeFormat' })
  code!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(100000)
  areaHa!: number;

  @IsLatitude()
  latitude!: number;

  @IsLongitude()
  longitude!: number;

  /** e.g. "Vải thiều". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  crop!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CertificationDto)
  certifications?: CertificationDto[];
}

/** Fields left out stay as they are. The code is locked once labels of a batch from the plot are printed (409). */
export class UpdatePlotDto {
  @UnlessAbsent()
  @IsString()
  @Matches(PLOT_CODE, { message: 'registry.plotCodeFormat' })
  code?: string;

  @UnlessAbsent()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(100000)
  areaHa?: number;

  @UnlessAbsent()
  @IsLatitude()
  latitude?: number;

  @UnlessAbsent()
  @IsLongitude()
  longitude?: number;

  @UnlessAbsent()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  crop?: string;
}

export class ListPlotsQuery extends RegistryListQuery {
  /** Defaults to the manager's own co-operative (a farmer always sees its own household's plots). */
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  @IsOptional()
  @IsUUID()
  householdId?: string;

  // `q`: part of the planting-area code or the crop (without regard to case or diacritics).
}

export class ListHouseholdPlotsQuery extends RegistryListQuery {}

export type { CertificationResponse, PlotResponse };

/** Today in Vietnam's calendar (UTC+7, no daylight saving), YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  return todayInVietnam(now);
}

export function toCertificationResponse(c: PlotCertification, now = new Date()): CertificationResponse {
  return {
    id: c.id,
    plotId: c.plotId,
    scheme: c.scheme,
    number: c.number,
    issuer: c.issuer,
    issuedAt: c.issuedAt ?? null,
    validUntil: c.validUntil,
    status: certificationStatus(c, now),
    verified: Boolean(c.verifiedAt),
    verifiedBy: c.verifiedBy ?? null,
    verifiedAt: c.verifiedAt ? c.verifiedAt.toISOString() : null,
    revokedAt: c.revokedAt ? c.revokedAt.toISOString() : null,
    revokedReason: c.revokedReason ?? null,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
  };
}

/** Latest end date first; ties by id, so a repeated create answers its certificates in the same order. */
function byValidUntil(a: PlotCertification, b: PlotCertification): number {
  if (a.validUntil !== b.validUntil) return a.validUntil < b.validUntil ? 1 : -1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function toPlotResponse(p: Plot, unordered: PlotCertification[], now = new Date()): PlotResponse {
  const certifications = [...unordered].sort(byValidUntil);
  const best = bestCertificate(certifications, now);
  return {
    id: p.id,
    householdId: p.householdId,
    cooperativeId: p.cooperativeId,
    code: p.code,
    areaHa: Number(p.areaHa),
    latitude: Number(p.latitude),
    longitude: Number(p.longitude),
    crop: p.crop,
    certifications: certifications.map((c) => toCertificationResponse(c, now)),
    certificationStatus: best ? certificationStatus(best, now) : 'none',
    certificationExpiresOn: best?.validUntil ?? null,
    version: p.version,
    archivedAt: p.archivedAt ? p.archivedAt.toISOString() : null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
