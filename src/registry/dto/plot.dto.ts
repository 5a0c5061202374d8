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
  Matches,
  MaxLength,
  Min,
  Max,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/http/calendar-date';
import { CERTIFICATION_SCHEMES, PlotCertification } from '../plot-certification.entity';
import type { CertificationScheme } from '../plot-certification.entity';
import { Plot } from '../plot.entity';

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

  /** YYYY-MM-DD. VietGAP certificates last at most two years. */
  @IsCalendarDate()
  validUntil!: string;
}

export class CreatePlotDto {
  /** Planting-area code (mã số vùng trồng), e.g. "VN-HDOR-0012". */
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{1,39}$/, { message: 'code must be 2-40 letters, digits, dots, dashes or slashes' })
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

export class CertificationResponse {
  id!: string;
  scheme!: CertificationScheme;
  number!: string;
  issuer!: string | null;
  validUntil!: string;
  /** `expired` once validUntil has passed: an expired certificate is never shown as valid. */
  status!: 'valid' | 'expired';
}

export class PlotResponse {
  id!: string;
  householdId!: string;
  cooperativeId!: string;
  code!: string;
  areaHa!: number;
  latitude!: number;
  longitude!: number;
  crop!: string;
  certifications!: CertificationResponse[];
  createdAt!: string;
}

export function todayIso(now = new Date()): string {
  // Certificates are dated in Vietnam's calendar (UTC+7, no daylight saving).
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export function toCertificationResponse(c: PlotCertification, now = new Date()): CertificationResponse {
  return {
    id: c.id,
    scheme: c.scheme,
    number: c.number,
    issuer: c.issuer,
    validUntil: c.validUntil,
    status: c.validUntil >= todayIso(now) ? 'valid' : 'expired',
  };
}

export function toPlotResponse(p: Plot, certifications: PlotCertification[], now = new Date()): PlotResponse {
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
    createdAt: p.createdAt.toISOString(),
  };
}
