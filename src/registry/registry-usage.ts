import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * What other modules have already made of a registry record: printed labels and products whose GTINs
 * carry a co-op's company prefix. A printed label cannot be recalled from the shelf, so a field it
 * shows must not change under it and a record it points to is kept rather than archived. Read here as
 * one explicit read model (labels and catalogue depend on the registry, not the other way round).
 */
@Injectable()
export class RegistryUsage {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  cooperativeHasLabels(cooperativeId: string): Promise<boolean> {
    return this.exists(this.labels().where('l.cooperative_id = :cooperativeId', { cooperativeId }));
  }

  householdHasLabels(householdId: string): Promise<boolean> {
    return this.exists(this.labelsOfBatches().where('b.household_id = :householdId', { householdId }));
  }

  plotHasLabels(plotId: string): Promise<boolean> {
    return this.exists(this.labelsOfBatches().where('b.plot_id = :plotId', { plotId }));
  }

  /** A product of the co-op has a GTIN under this company prefix (GTIN-14: indicator digit, then the prefix). */
  prefixInUse(cooperativeId: string, prefix: string): Promise<boolean> {
    return this.exists(
      this.dataSource
        .createQueryBuilder()
        .select('1', 'one')
        .from('products', 'p')
        .where('p.cooperative_id = :cooperativeId', { cooperativeId })
        .andWhere(`SUBSTR(p.gtin, 2, ${Number(prefix.length)}) = :prefix`, { prefix }),
    );
  }

  private labels() {
    return this.dataSource.createQueryBuilder().select('1', 'one').from('labels', 'l');
  }

  private labelsOfBatches() {
    return this.labels().innerJoin('batches', 'b', 'b.id = l.batch_id');
  }

  private async exists(query: ReturnType<DataSource['createQueryBuilder']>): Promise<boolean> {
    return (await query.limit(1).getRawOne()) !== undefined;
  }
}
