import type { PushedOrder } from '../../marketplaces/marketplace';

/** What an order line may hold: the columns it lands in, and no more than a listing can stock. */
export const ORDER_LINE_LIMITS = { idLength: 64, buyerRefLength: 100, maxQuantity: 1_000_000 } as const;

export type RejectionCode = 'invalid_line' | 'unknown_item';

/** A line that can be recorded: ids within their columns, amounts exact integers of VND. */
export interface CheckedLine {
  orderId: string;
  /** The key of the line within its order: the platform's item id, else the seller SKU. */
  itemId: string;
  externalId: string | null;
  sellerSku: string | null;
  quantity: number;
  unitPrice: number;
  totalAmount: number;
  buyerRef: string | null;
}

export type LineCheck = { ok: true; line: CheckedLine } | { ok: false; reason: string };

const tooLong = (value: string | null, limit: number) => value !== null && value.length > limit;

/**
 * Checks one pushed line before anything is written: a bad line is rejected with the reason (for the
 * co-op to see), never left to fail in the database as a 500 the platform resends forever.
 */
export function checkOrderLine(line: PushedOrder): LineCheck {
  const { idLength, buyerRefLength, maxQuantity } = ORDER_LINE_LIMITS;
  const fail = (reason: string): LineCheck => ({ ok: false, reason });
  if (!line.orderId) return fail('the order id is missing');
  if (tooLong(line.orderId, idLength)) return fail(`the order id is longer than ${idLength} characters`);
  if (tooLong(line.externalId, idLength)) return fail(`the item id is longer than ${idLength} characters`);
  if (tooLong(line.sellerSku, idLength)) return fail(`the seller SKU is longer than ${idLength} characters`);
  if (tooLong(line.buyerRef, buyerRefLength)) return fail(`the buyer reference is longer than ${buyerRefLength} characters`);
  const itemId = line.externalId || line.sellerSku;
  if (!itemId) return fail('the line names neither an item id nor a seller SKU');
  if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > maxQuantity) {
    return fail(`quantity must be a whole number from 1 to ${maxQuantity} (got ${String(line.quantity)})`);
  }
  if (!Number.isFinite(line.unitPrice) || line.unitPrice < 0) {
    return fail(`price must be a number of VND of at least 0 (got ${String(line.unitPrice)})`);
  }
  const unitPrice = Math.round(line.unitPrice);
  const totalAmount = Math.round(line.unitPrice * line.quantity);
  if (!Number.isSafeInteger(totalAmount))
    return fail(`price × quantity is beyond what can be recorded (${String(line.unitPrice)} × ${line.quantity})`);
  return {
    ok: true,
    line: {
      orderId: line.orderId,
      itemId,
      externalId: line.externalId || null,
      sellerSku: line.sellerSku || null,
      quantity: line.quantity,
      unitPrice,
      totalAmount,
      buyerRef: line.buyerRef || null,
    },
  };
}

/**
 * The lines of one order, one per item: a platform may split an item over several lines, and the
 * order is keyed by (marketplace, order id, item id), so they are added up rather than lost as a replay.
 */
export function mergeByItem(lines: CheckedLine[]): CheckedLine[] {
  const merged = new Map<string, CheckedLine>();
  for (const line of lines) {
    const key = `${line.orderId}\u0000${line.itemId}`;
    const earlier = merged.get(key);
    if (!earlier) merged.set(key, { ...line });
    else {
      earlier.quantity += line.quantity;
      earlier.totalAmount += line.totalAmount;
    }
  }
  return [...merged.values()];
}
