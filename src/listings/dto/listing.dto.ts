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
import type { ChannelStatus } from '../listing-channel.entity';

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

/**
 * A channel's status as answered: the stored one, except `updating` for a live channel whose platform
 * does not hold the listing's latest price, stock or text yet (a change is on its way); `live` again once
 * pushed. Derived from the versions, never stored, so it cannot drift from what the sync has done.
 */
export type ChannelViewStatus = ChannelStatus | 'updating';

export interface ChannelResponse {
  marketplace: Marketplace;
  status: ChannelViewStatus;
  externalId: string | null;
  attempts: number;
  lastError: string | null;
  syncedAt: string | null;
}

export interface ListingResponse {
  id: string;
  cooperativeId: string;
  productId: string;
  batchId: string | null;
  sellerSku: string;
  title: string;
  description: string;
  price: number;
  stock: number;
  imageUrls: string[];
  state: string;
  /** When an order last came in beyond the stock (see GET /api/v1/marketplace-orders), or null. */
  oversoldAt: string | null;
  channels: ChannelResponse[];
  createdAt: string;
  updatedAt: string;
}
