import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/** Indexes for recalls and reports: listings drawing on a lot, batches per growing area, label runs over time. */
export class RecordsSchema1764500000000 implements MigrationInterface {
  name = 'RecordsSchema1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('listings', new TableIndex({ name: 'ix_listings_batch', columnNames: ['batch_id'] }));
    await queryRunner.createIndex('batches', new TableIndex({ name: 'ix_batches_plot', columnNames: ['plot_id'] }));
    await queryRunner.createIndex(
      'label_runs',
      new TableIndex({ name: 'ix_label_runs_cooperative_created', columnNames: ['cooperative_id', 'created_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('label_runs', 'ix_label_runs_cooperative_created');
    await queryRunner.dropIndex('batches', 'ix_batches_plot');
    await queryRunner.dropIndex('listings', 'ix_listings_batch');
  }
}
