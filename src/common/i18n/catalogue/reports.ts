import type { CatalogueEntry } from './entry';

/** The province indicators, reconciliation and the operator's routes (metrics). */
export const reportsMessages = {
  'reports.indicatorsNotForFarmers': {
    vi: 'Chỉ số chỉ dành cho Sở và quản lý hợp tác xã',
    en: 'Indicators are for the province office and co-op managers',
  },
  'reports.reconciliationNotForFarmers': {
    vi: 'Đối soát chỉ dành cho Sở và quản lý hợp tác xã',
    en: 'Reconciliation is for the province office and co-op managers',
  },
  'reports.metricsToken': {
    vi: 'GET /metrics cần Authorization: Bearer <METRICS_TOKEN>',
    en: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>',
  },
} satisfies Record<string, CatalogueEntry>;
