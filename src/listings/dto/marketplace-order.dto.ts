import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../common/http/pagination';
import { MARKETPLACES } from '../../marketplaces/marketplace';
import type { Marketplace, PushedOrder } from '../../marketplaces/marketplace';
import type { MarketplaceOrderRejection } from '../marketplace-order-rejection.entity';
import type { MarketplaceOrder } from '../marketplace-order.entity';

export const ORDER_LINE_STATUSES = ['recorded', 'rejected'] as const;

export class ListMarketplaceOrdersQuery extends PageQuery {
  /** `recorded` (the default): lines that lowered stock; `rejected`: lines that could not be recorded, with the reason. */
  @ApiPropertyOptional({ enum: ORDER_LINE_STATUSES })
  @IsOptional()
  @IsIn(ORDER_LINE_STATUSES)
  status?: (typeof ORDER_LINE_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  cooperativeId?: string;

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

export function toOrderView(order: MarketplaceOrder): RecordedOrderView {
  return {
    id: order.id,
    status: 'recorded',
    marketplace: order.marketplace,
    externalOrderId: order.externalOrderId,
    externalItemId: order.externalItemId,
    listingId: order.listingId,
    cooperativeId: order.cooperativeId,
    lotCode: order.lotCode,
    quantity: order.quantity,
    unitPrice: order.unitPrice,
    totalAmount: order.totalAmount,
    oversold: Boolean(order.oversold),
    buyerRef: order.buyerRef,
    receivedAt: new Date(order.orderedAt).toISOString(),
  };
}

export function toRejectionView(rejection: MarketplaceOrderRejection): RejectedOrderView {
  return {
    id: rejection.id,
    status: 'rejected',
    marketplace: rejection.marketplace,
    externalOrderId: rejection.externalOrderId,
    externalItemId: rejection.externalItemId,
    listingId: rejection.listingId,
    cooperativeId: rejection.cooperativeId,
    reason: rejection.reason,
    line: rejection.line,
    receivedAt: new Date(rejection.createdAt).toISOString(),
  };
}
