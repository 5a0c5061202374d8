import { accessMessages } from './access';
import { authMessages } from './auth';
import { batchesMessages } from './batches';
import { catalogMessages } from './catalog';
import { commonMessages } from './common';
import type { CatalogueEntry } from './entry';
import { importMessages } from './imports';
import { labelMessages } from './labels';
import { listingMessages } from './listings';
import { httpMessages } from './http';
import { problemMessages } from './problems';
import { registryMessages } from './registry';
import { reportsMessages } from './reports';
import { traceMessages } from './trace';
import { validationMessages } from './validation';

/**
 * The one message catalogue: every sentence a person reads in an API answer, in Vietnamese and
 * English, split by domain into files beside this one (`<domain>.ts`, keys prefixed `<domain>.`).
 */
export const CATALOGUE = {
  ...problemMessages,
  ...commonMessages,
  ...validationMessages,
  ...registryMessages,
  ...catalogMessages,
  ...batchesMessages,
  ...importMessages,
  ...listingMessages,
  ...labelMessages,
  ...httpMessages,
  ...accessMessages,
  ...authMessages,
  ...reportsMessages,
  ...traceMessages,
} satisfies Record<string, CatalogueEntry>;

export type MessageKey = keyof typeof CATALOGUE;
export type { CatalogueEntry } from './entry';
