import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * What a module's repository starts from: the data source, a transaction for the service to run
 * several of its statements in, and the manager a statement runs on (the caller's transaction, if any).
 */
export abstract class SqlRepository {
  constructor(@InjectDataSource() protected readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  protected manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }
}
