import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Page, PageQuery, paginate } from '../common/http/pagination';
import { dialectOf } from '../database/sql-dialect';
import { Product } from './product.entity';
import { SqlRepository } from '../database/sql-repository';

/** The SQL of the `products` table. */
@Injectable()
export class ProductsRepository extends SqlRepository {
  findById(id: string): Promise<Product | null> {
    return this.dataSource.manager.findOne(Product, { where: { id } });
  }

  async findByIds(ids: string[]): Promise<Product[]> {
    return ids.length ? this.dataSource.manager.find(Product, { where: { id: In(ids) } }) : [];
  }

  /** Products not archived (of one co-op, or all), by the shared cursor. */
  list(cooperativeId: string | undefined, query: PageQuery): Promise<Page<Product>> {
    const qb = this.dataSource.manager.createQueryBuilder(Product, 'p').where('p.archivedAt IS NULL');
    if (cooperativeId) qb.andWhere('p.cooperativeId = :cooperativeId', { cooperativeId });
    return paginate(qb, query);
  }

  /** Inserts a product; a GTIN already taken fails with the database's unique violation. */
  insert(product: Product): Promise<unknown> {
    return this.dataSource.manager.insert(Product, product);
  }

  /** Reads a product under a row lock (PostgreSQL; SQLite has one writer at a time already). */
  lockById(manager: EntityManager, id: string): Promise<Product | null> {
    const qb = manager.createQueryBuilder(Product, 'p').where('p.id = :id', { id });
    dialectOf(manager).lockRows(qb);
    return qb.getOne();
  }

  update(manager: EntityManager, id: string, values: QueryDeepPartialEntity<Product>): Promise<unknown> {
    return manager.update(Product, { id }, values);
  }

  /**
   * Whether a label was printed for a batch of the product. Labels and batches depend on the catalogue,
   * not the other way round, so this one existence test reads their tables instead of calling them.
   */
  async hasLabels(manager: EntityManager, productId: string): Promise<boolean> {
    const row: unknown = await manager
      .createQueryBuilder()
      .select('1', 'one')
      .from('labels', 'l')
      .innerJoin('batches', 'b', 'b.id = l.batch_id')
      .where('b.product_id = :productId', { productId })
      .limit(1)
      .getRawOne();
    return row !== undefined && row !== null;
  }
}
