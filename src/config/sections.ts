import type { Provider } from '@nestjs/common';
import { databaseKindOf, Environment } from './environment';
import { SECTION_TITLES, SectionName, SectionSettings, settingsOf } from './settings';

/** One section's values: read-only, and only that section's variables. */
export type SectionValues<S extends SectionName> = Readonly<Pick<Environment, SectionSettings<S>>>;

interface SectionClass<S extends SectionName> {
  readonly sectionName: S;
  new (): SectionValues<S>;
}

/**
 * The base of a section's injection token: a class whose instances carry exactly that section's
 * variables. A service asks for `AuthConfig` and cannot read the marketplace secrets next to it.
 */
function section<S extends SectionName>(name: S): SectionClass<S> {
  class Section {
    static readonly sectionName = name;
  }
  return Section as unknown as SectionClass<S>;
}

export class ServerConfig extends section('server') {}
export class DatabaseConfig extends section('database') {
  get databaseKind(): 'postgres' | 'sqlite' {
    return databaseKindOf(this.DATABASE_URL);
  }
}
export class RedisConfig extends section('redis') {}
export class AuthConfig extends section('auth') {}
export class LabelsConfig extends section('labels') {}
export class ScanConfig extends section('scan') {}
export class ReportsConfig extends section('reports') {}
export class ShopeeConfig extends section('shopee') {}
export class LazadaConfig extends section('lazada') {}
export class TikiConfig extends section('tiki') {}
export class SyncConfig extends section('sync') {}
export class MocksConfig extends section('mocks') {}

export const SECTION_CLASSES = {
  server: ServerConfig,
  database: DatabaseConfig,
  redis: RedisConfig,
  auth: AuthConfig,
  labels: LabelsConfig,
  scan: ScanConfig,
  reports: ReportsConfig,
  shopee: ShopeeConfig,
  lazada: LazadaConfig,
  tiki: TikiConfig,
  sync: SyncConfig,
  mocks: MocksConfig,
} as const satisfies { [S in SectionName]: SectionClass<S> };

/** One section of a validated environment, as an instance of its class (frozen: configuration is read at start only). */
export function sectionOf<S extends SectionName>(environment: Environment, name: S): InstanceType<(typeof SECTION_CLASSES)[S]> {
  const values = Object.create(SECTION_CLASSES[name].prototype) as Record<string, unknown>;
  for (const key of settingsOf(name)) values[key] = environment[key];
  return Object.freeze(values) as InstanceType<(typeof SECTION_CLASSES)[S]>;
}

/** Providers of every section, for the global ConfigModule. */
export function sectionProviders(environment: Environment): Provider[] {
  return (Object.keys(SECTION_TITLES) as SectionName[]).map((name) => ({
    provide: SECTION_CLASSES[name],
    useValue: sectionOf(environment, name),
  }));
}
