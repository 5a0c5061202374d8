import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CooperativePageQuery } from '../../../common/http/pagination';
import { MARKETPLACES } from '../../../marketplaces/marketplace';
import type { Marketplace, PushedOrder } from '../../../marketplaces/marketplace';

export const ORDER_LINE_STATUSES = ['recorded', 'rejected'] as const;

export class ListMarketplaceOrdersQuery extends CooperativePageQuery {
  /** `recorded` (the default): lines that lowered stock; `rejected`: lines that could not be recorded, with the reason. */
  @ApiPropertyOptional({ enum: ORDER_LINE_STATUSES })
  @IsOptional()
  @IsIn(ORDER_LINE_STATUSES)
  status?: (typeof ORDER_LINE_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  listingId?: string;

  @ApiPropertyOptional({ enum: MARKETPLACES })
  @IsOptional()
  @IsIn(MARKETPLACES)
  marketplace?: Marketplace;
}

interface OrderLineBase {
  id: string;
  marketplace: Marketplace;
  externalOrderId: string;
  externalItemId: string;
  listingId: string | null;
  cooperativeId: string | null;
  receivedAt: string;
}

export interface RecordedOrderView extends OrderLineBase {
  status: 'recorded';
  lotCode: string | null;
  quantity: number;
  /** Integer VND. */
  unitPrice: number;
  /** Integer VND. */
  totalAmount: number;
  /** More was ordered than the listing had in stock. */
  oversold: boolean;
  buyerRef: string | null;
}

export interface RejectedOrderView extends OrderLineBase {
  status: 'rejected';
  reason: string;
  /** The line as the platform pushed it. */
  line: PushedOrder;
}

export type MarketplaceOrderView = RecordedOrderView | RejectedOrderView;
