import { lazadaPushSign } from '../../src/marketplaces/lazada/lazada-signing';
import type { Marketplace } from '../../src/marketplaces/marketplace';
import { shopeePushSign } from '../../src/marketplaces/shopee/shopee-signing';
import { tikiPushSign } from '../../src/marketplaces/tiki/tiki-signing';

/** Order pushes signed as each platform signs them, with the adapters' own signing helpers. */

export const KEYS = {
  SHOPEE_PARTNER_ID: '2001234',
  SHOPEE_PARTNER_KEY: 'e2e-orders-shopee-partner-key',
  SHOPEE_SHOP_ID: '8001234',
  LAZADA_APP_KEY: '123456',
  LAZADA_APP_SECRET: 'e2e-orders-lazada-secret',
  TIKI_CLIENT_ID: 'e2e-orders-tiki',
  TIKI_CLIENT_SECRET: 'e2e-orders-tiki-secret',
};
export const PUBLIC_BASE_URL = 'https://truyxuat.htx-thanhha.vn';

/** One order line as the test writes it; each platform's push spells it its own way. */
export interface Line {
  item: string | number;
  sku?: string;
  quantity: unknown;
  price: unknown;
}
export interface Push {
  marketplace: Marketplace;
  body: string;
  headers: Record<string, string>;
}
export interface OrderView {
  status: 'recorded' | 'rejected';
  marketplace: string;
  externalOrderId: string;
  externalItemId: string;
  listingId: string | null;
  quantity?: number;
  totalAmount?: number;
  oversold?: boolean;
  reason?: string;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** A push signed the way each platform signs it (the same helpers the adapters verify with). */
export function push(marketplace: Marketplace, orderId: string, lines: Line[], at = Date.now(), shopeeUrl?: string): Push {
  const json = { 'content-type': 'application/json' };
  switch (marketplace) {
    case 'shopee': {
      const body = JSON.stringify({
        shop_id: Number(KEYS.SHOPEE_SHOP_ID),
        code: 3,
        timestamp: seconds(at),
        data: {
          ordersn: orderId,
          buyer_username: 'nguoi-mua-1',
          items: lines.map((l) => ({ item_id: l.item, item_sku: l.sku, quantity: l.quantity, item_price: l.price })),
        },
      });
      const url = shopeeUrl ?? `${PUBLIC_BASE_URL}/api/v1/marketplaces/shopee/webhook`;
      return { marketplace, body, headers: { ...json, authorization: shopeePushSign(KEYS.SHOPEE_PARTNER_KEY, url, body) } };
    }
    case 'lazada': {
      const body = JSON.stringify({
        seller_id: '1000001',
        message_type: 0,
        timestamp: seconds(at),
        data: {
          trade_order_id: orderId,
          buyer_id: 'nguoi-mua-2',
          order_item_list: lines.map((l) => ({ item_id: String(l.item), seller_sku: l.sku, quantity: l.quantity, paid_price: l.price })),
        },
      });
      return { marketplace, body, headers: { ...json, authorization: lazadaPushSign(KEYS.LAZADA_APP_SECRET, KEYS.LAZADA_APP_KEY, body) } };
    }
    case 'tiki': {
      const body = JSON.stringify({
        event_type: 'ORDER_CREATED_SUCCESSFULLY',
        created_at: new Date(at).toISOString(),
        payload: {
          order_code: orderId,
          customer_id: 'nguoi-mua-3',
          items: lines.map((l) => ({ product_id: l.item, original_sku: l.sku, qty: l.quantity, price: l.price })),
        },
      });
      return { marketplace, body, headers: { ...json, 'x-tiki-signature': tikiPushSign(KEYS.TIKI_CLIENT_SECRET, body) } };
    }
  }
}
