import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import { BatchesModule } from './batches/batches.module';
import { CatalogModule } from './catalog/catalog.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { loggerOptions } from './common/http/logging';
import { ConfigModule } from './config/config.module';
import { Environment, ProcessRole } from './config/environment';
import { DatabaseModule } from './database/database.module';
import { EpcisModule } from './epcis/epcis.module';
import { HealthModule } from './health/health.module';
import { LabelsWorkerModule } from './labels/labels-worker.module';
import { LabelsModule } from './labels/labels.module';
import { ListingsModule } from './listings/listings.module';
import { SyncWorkerModule } from './listings/sync/sync-worker.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueModule } from './queue/queue.module';
import { RecallsModule } from './recalls/recalls.module';
import { RedisModule } from './redis/redis.module';
import { RegistryModule } from './registry/registry.module';
import { ReportsModule } from './reports/reports.module';
import { TraceModule } from './trace/trace.module';

/** Modules that serve HTTP (controllers). Loaded by the api and all roles. */
const HTTP_MODULES: Type[] = [
  AuthModule,
  RegistryModule,
  CatalogModule,
  BatchesModule,
  LabelsModule,
  TraceModule,
  ListingsModule,
  EpcisModule,
  RecallsModule,
  ReportsModule,
  AdminModule,
  HealthModule,
  MetricsModule,
];

/** Modules that consume queues. Loaded by the worker and all roles. */
const WORKER_MODULES: Type[] = [LabelsWorkerModule, SyncWorkerModule];

@Module({})
export class AppModule {
  static forRole(environment: Environment, role: ProcessRole = environment.ROLE): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(environment),
        LoggerModule.forRoot(loggerOptions(environment)),
        DatabaseModule,
        RedisModule,
        QueueModule,
        ...(role === 'worker' ? [] : HTTP_MODULES),
        ...(role === 'api' ? [] : WORKER_MODULES),
      ],
      providers: role === 'worker' ? [] : [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
