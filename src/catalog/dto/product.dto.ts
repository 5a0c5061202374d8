import { IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { OmitType, PartialType } from '@nestjs/swagger';
import { PageQuery } from '../../common/http/pagination';
import type { ProductResponse } from '../catalog.contract';
import { Product } from '../product.entity';

export const PRODUCT_UNITS = ['kg', 'box', 'bag', 'crate', 'piece', 'bunch', 'bottle', 'jar'] as const;

export class CreateProductDto {
  /** The co-operative that sells it; a co-op manager's own by default. */
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

  /** e.g. "Vải thiều Thanh Hà". */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  variety?: string;

  /** GTIN-8, -12, -13 or -14 with a correct check digit; stored as GTIN-14. */
  @IsOptional()
  @IsString()
  gtin?: string;

  /** What one traded unit is: kg, box, bag... */
  @IsIn(PRODUCT_UNITS)
  unit!: string;

  /** How many kilograms one labelled package holds (used to check label runs against the harvest). */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(100000)
  packageNetWeightKg?: number;

  /** Protected geographical indication, e.g. "Vải thiều Thanh Hà (CDĐL số 00005)". */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  geographicalIndication?: string;

  /** OCOP rating: 3 (50-69 points), 4 (70-89) or 5 (90-100) stars. */
  @IsOptional()
  @IsInt()
  @Min(3)
  @Max(5)
  ocopStars?: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  shelfLifeDays?: number;

  /**
   * Admins only: why a GTIN outside the co-operative's GS1 company prefix is accepted (e.g. a GTIN
   * licensed from a distributor). Recorded on the product with who and when.
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  gtinPrefixOverrideReason?: string;
}

/**
 * Corrections of a product. Once labels are printed, gtin, name, geographicalIndication and
 * packageNetWeightKg are refused with 409 naming the field. `null` clears an optional field.
 */
export class UpdateProductDto extends PartialType(OmitType(CreateProductDto, ['cooperativeId'] as const)) {}

export class ListProductsQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;
}

export type { ProductResponse };

export function toProductResponse(p: Product): ProductResponse {
  return {
    id: p.id,
    cooperativeId: p.cooperativeId,
    name: p.name,
    variety: p.variety,
    gtin: p.gtin,
    unit: p.unit,
    packageNetWeightKg: p.packageNetWeightKg === null ? null : Number(p.packageNetWeightKg),
    geographicalIndication: p.geographicalIndication,
    ocopStars: p.ocopStars,
    description: p.description,
    shelfLifeDays: p.shelfLifeDays,
    gtinPrefixOverride: p.gtinPrefixOverrideReason
      ? { reason: p.gtinPrefixOverrideReason, by: p.gtinPrefixOverrideBy, at: p.gtinPrefixOverrideAt?.toISOString() ?? null }
      : null,
    version: p.version,
    archivedAt: p.archivedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}
