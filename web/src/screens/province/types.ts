/** The API's answers the province screens read: the server's wire contracts (the *.contract.ts files under src/). */
export type { CooperativeResponse as Cooperative } from '../../../../src/registry/registry.contract';
export type { AreaActivityResponse as AreaActivity, IndicatorsResponse as Indicators } from '../../../../src/reports/reports.contract';
