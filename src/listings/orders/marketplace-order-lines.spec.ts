import type { PushedOrder } from '../../marketplaces/marketplace';
import { checkOrderLine, mergeByItem } from './marketplace-order-lines';

const line = (overrides: Partial<PushedOrder> = {}): PushedOrder => ({
  orderId: 'SP-1',
  externalId: '700001',
  sellerSku: 'NST-ABC',
  quantity: 2,
  unitPrice: 120000,
  buyerRef: 'nguoi-mua',
  ...overrides,
});

describe('checkOrderLine', () => {
  it('accepts a whole quantity and a price of zero or more, and keeps money exact', () => {
    expect(checkOrderLine(line())).toEqual({ ok: true, line: expect.objectContaining({ itemId: '700001', totalAmount: 240000 }) });
    expect(checkOrderLine(line({ quantity: 1, unitPrice: 3_000_000_000 }))).toMatchObject({
      ok: true,
      line: { totalAmount: 3_000_000_000 },
    });
    expect(checkOrderLine(line({ unitPrice: 0 }))).toMatchObject({ ok: true });
    // Without an item id the seller SKU keys the line.
    expect(checkOrderLine(line({ externalId: null }))).toMatchObject({ ok: true, line: { itemId: 'NST-ABC' } });
  });

  it.each([
    ['a fractional quantity', { quantity: 1.5 }, /quantity/],
    ['a zero quantity', { quantity: 0 }, /quantity/],
    ['a negative quantity', { quantity: -2 }, /quantity/],
    ['a quantity that is not a number', { quantity: Number.NaN }, /quantity/],
    ['a quantity beyond any stock', { quantity: 1e12 }, /quantity/],
    ['a negative price', { unitPrice: -1 }, /price/],
    ['a price that is not a number', { unitPrice: Number.NaN }, /price/],
    ['an amount beyond 2^53', { quantity: 1_000_000, unitPrice: 1e13 }, /price × quantity/],
    ['an order id of 65 characters', { orderId: 'x'.repeat(65) }, /order id/],
    ['an item id of 65 characters', { externalId: '9'.repeat(65) }, /item id/],
    ['a seller SKU of 65 characters', { sellerSku: 'S'.repeat(65) }, /seller SKU/],
    ['a buyer reference of 101 characters', { buyerRef: 'b'.repeat(101) }, /buyer reference/],
    ['no item id and no SKU', { externalId: null, sellerSku: null }, /neither/],
  ])('rejects %s', (_name, overrides, reason) => {
    const check = checkOrderLine(line(overrides));
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });
});

describe('mergeByItem', () => {
  it('adds up the lines of one item in one order', () => {
    const checked = [line(), line({ quantity: 3 }), line({ externalId: '700002' })].map((l) => {
      const c = checkOrderLine(l);
      if (!c.ok) throw new Error(c.reason);
      return c.line;
    });
    expect(mergeByItem(checked).map((l) => [l.itemId, l.quantity, l.totalAmount])).toEqual([
      ['700001', 5, 600000],
      ['700002', 2, 240000],
    ]);
  });
});
