/** The marketplaces a listing can be pushed to (the farm app offers the same list). */
export const MARKETPLACES = ['lazada', 'tiki', 'shopee'] as const;
export type Marketplace = (typeof MARKETPLACES)[number];
