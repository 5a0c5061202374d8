import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { columnsFor } from './schema-builder';

/**
 * Issue 11: short-form labels (/t/{serial}, products without a GTIN) were signed with their lot, which
 * the URL does not carry. New ones are signed without it; the lots that had such labels when this ran
 * are kept so the resolver can still recognise those printed serials without a database lookup.
 */
export class LegacyShortLabelLots1764700000000 implements MigrationInterface {
  name = 'LegacyShortLabelLots1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({ name: 'legacy_short_label_lots', columns: [{ ...c.text('lot_code', 20), isPrimary: true }] }),
    );
    await queryRunner.query(
      `INSERT INTO legacy_short_label_lots (lot_code)
       SELECT DISTINCT b.lot_code FROM labels l
       JOIN batches b ON b.id = l.batch_id
       JOIN products p ON p.id = b.product_id
       WHERE p.gtin IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('legacy_short_label_lots');
  }
}
