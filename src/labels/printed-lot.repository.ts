import { Injectable } from '@nestjs/common';
import { Batch } from '../batches/batch.entity';
import { Product } from '../catalog/product.entity';
import { SqlRepository } from '../database/sql-repository';
import { Cooperative } from '../registry/cooperative.entity';

/** The lot a label run prints: its batch, product and co-operative. */
export interface PrintedLot {
  batch: Batch;
  product: Product;
  cooperative: Cooperative;
}

/**
 * The label renderer's read model: what a label prints about its lot comes from the batches',
 * catalogue's and registry's tables, read here by primary key and nowhere else in the labels module.
 * The worker role that renders loads none of those modules (they come with the HTTP side), so it
 * cannot ask their services; it only reads, and what it reads was checked when the run was accepted.
 */
@Injectable()
export class PrintedLotReadModel extends SqlRepository {
  /** Null when the batch, its product or the co-operative is gone (a run outliving its records). */
  async load(batchId: string, cooperativeId: string): Promise<PrintedLot | null> {
    const manager = this.dataSource.manager;
    const batch = await manager.findOneBy(Batch, { id: batchId });
    if (!batch) return null;
    const [product, cooperative] = await Promise.all([
      manager.findOneBy(Product, { id: batch.productId }),
      manager.findOneBy(Cooperative, { id: cooperativeId }),
    ]);
    return product && cooperative ? { batch, product, cooperative } : null;
  }
}
