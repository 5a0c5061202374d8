import type { RecordedOrderView, RejectedOrderView } from './dto/marketplace-order.dto';
import type { MarketplaceOrderRejection } from './marketplace-order-rejection.entity';
import type { MarketplaceOrder } from './marketplace-order.entity';

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
