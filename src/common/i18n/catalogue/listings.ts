import type { CatalogueEntry } from './entry';

/** Marketplace listings, their channels and the orders the marketplaces push. */
export const listingMessages = {} satisfies Record<string, CatalogueEntry>;
