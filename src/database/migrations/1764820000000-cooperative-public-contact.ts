import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnsFor } from './schema-builder';

/**
 * Issue 12 point 6: a co-operative's public contact (office phone, e-mail), shown to shoppers on the
 * consumer page and when a scan is unknown, so they know whom to ask. Empty for existing co-ops.
 */
export class CooperativePublicContact1764820000000 implements MigrationInterface {
  name = 'CooperativePublicContact1764820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.addColumns('cooperatives', [
      new TableColumn(c.text('contact_phone', 20, true)),
      new TableColumn(c.text('contact_email', 254, true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('cooperatives', ['contact_phone', 'contact_email']);
  }
}
