import { DynamicModule, Global, Module } from '@nestjs/common';
import { Environment } from './environment';
import { SECTION_CLASSES, sectionProviders } from './sections';

/**
 * Makes the validated configuration injectable everywhere, one section at a time (`AuthConfig`,
 * `LabelsConfig`...): a service asks for the section it reads. The whole `Environment` stays injectable
 * for the few places that assemble the process (database and queue wiring, bootstrap). Validation
 * happens before Nest starts (main.ts).
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(environment: Environment): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: Environment, useValue: environment }, ...sectionProviders(environment)],
      exports: [Environment, ...Object.values(SECTION_CLASSES)],
    };
  }
}
