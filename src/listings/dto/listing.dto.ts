import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { CooperativePageQuery } from '../../common/http/pagination';
import { MARKETPLACES } from '../../marketplaces/marketplace';
import type { Marketplace } from '../../marketplaces/marketplace';

export class CreateListingDto {
  @IsUUID()
  productId!: string;

  /** The lot this listing sells from; orders record it so a recall can find the buyers. */
  @IsOptional()
  @IsUUID()
  batchId?: string;

  @IsString()
  @Length(1, 120)
  title!: string;

  @IsString()
  @Length(1, 5000)
  description!: string;

  /** Integer VND. */
  @IsInt()
  @Min(1000)
  @Max(1_000_000_000)
  price!: number;

  @IsInt()
  @Min(0)
  @Max(1_000_000)
  stock!: number;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { each: true })
  imageUrls?: string[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(MARKETPLACES, { each: true })
  channels!: Marketplace[];
}

export class UpdateListingDto {
  @IsOptional()
  @IsInt()
  @Min(1000)
  @Max(1_000_000_000)
  price?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  stock?: number;

  @IsOptional()
  @IsString()
  @Length(1, 120)
  title?: string;

  @IsOptional()
  @IsString()
  @Length(1, 5000)
  description?: string;
}

/** A marketplace to add to a listing that is on sale. */
export class AddChannelDto {
  @IsIn(MARKETPLACES)
  marketplace!: Marketplace;
}

/** Lists a delisted listing again: on the channels it had (all of them by default) or the ones named. */
export class RelistListingDto {
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(MARKETPLACES, { each: true })
  channels?: Marketplace[];
}

export class ListListingsQuery extends CooperativePageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  productId?: string;
}
