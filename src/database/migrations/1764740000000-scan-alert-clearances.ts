import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor } from './schema-builder';

/** Issue 11: a co-op manager clears a false `suspicious` alarm, and the clearing is kept. */
export class ScanAlertClearances1764740000000 implements MigrationInterface {
  name = 'ScanAlertClearances1764740000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'scan_alert_clearances',
        columns: [
          c.id(),
          c.uuid('label_id'),
          c.text('serial', 20),
          c.uuid('cooperative_id'),
          // No foreign key: who cleared an alarm stays on record even if the account is removed later.
          c.uuid('cleared_by'),
          c.timestamp('cleared_at'),
          c.text('reason', 500),
          c.int('networks_in_window'),
          ...c.audit(),
        ],
        indices: [new TableIndex({ name: 'ix_scan_alert_clearances_serial', columnNames: ['serial', 'cleared_at'] })],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['label_id'],
            referencedTableName: 'labels',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('scan_alert_clearances');
  }
}
