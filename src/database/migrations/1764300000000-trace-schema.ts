import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey } from 'typeorm';
import { columnsFor } from './schema-builder';

/** What the consumer scan needs: a recall reason on batches, and scans per batch per day. */
export class TraceSchema1764300000000 implements MigrationInterface {
  name = 'TraceSchema1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.addColumns('batches', [
      new TableColumn(c.text('recall_reason', 500, true)),
      new TableColumn(c.timestamp('recalled_at', true)),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'batch_scan_days',
        columns: [
          { ...c.uuid('batch_id'), isPrimary: true },
          // YYYY-MM-DD in Vietnam time.
          { ...c.text('day', 10), isPrimary: true },
          c.int('scans', false, 0),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['batch_id'],
            referencedTableName: 'batches',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('batch_scan_days');
    await queryRunner.dropColumn('batches', 'recalled_at');
    await queryRunner.dropColumn('batches', 'recall_reason');
  }
}
