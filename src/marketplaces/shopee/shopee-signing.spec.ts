import { createHmac } from 'node:crypto';
import { safeEqualHex } from '../signature';
import { shopeePushSign, shopeeSign } from './shopee-signing';

describe('Shopee signing', () => {
  it('signs shop calls over partner_id + path + timestamp + access_token + shop_id, lowercase hex', () => {
    const expected = createHmac('sha256', 'key').update('2001/api/v2/product/add_item1700000000tok8001').digest('hex');
    expect(shopeeSign('key', '2001', '/api/v2/product/add_item', 1700000000, 'tok', '8001')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs public calls over partner_id + path + timestamp only', () => {
    const expected = createHmac('sha256', 'key').update('2001/api/v2/shop/auth_partner1700000000').digest('hex');
    expect(shopeeSign('key', '2001', '/api/v2/shop/auth_partner', 1700000000)).toBe(expected);
  });

  it('signs pushes over url|body and compares in constant time', () => {
    const sign = shopeePushSign('key', 'https://x/hook', '{}');
    expect(sign).toBe(createHmac('sha256', 'key').update('https://x/hook|{}').digest('hex'));
    expect(safeEqualHex(sign, sign.toUpperCase())).toBe(true);
    expect(safeEqualHex(sign, '00')).toBe(false);
  });
});
