import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseConfig } from '../config/sections';
import { dataSourceOptions } from './data-source-options';

/** Migrations are applied before Nest starts (see `migrateDatabase`), so every provider finds the schema ready. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [DatabaseConfig],
      useFactory: (database: DatabaseConfig) => ({ ...dataSourceOptions(database.DATABASE_URL), retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
})
export class DatabaseModule {}
