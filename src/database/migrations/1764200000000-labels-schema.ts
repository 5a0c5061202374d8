import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor } from './schema-builder';

/** Label runs (print jobs) and their labels (serials). */
export class LabelsSchema1764200000000 implements MigrationInterface {
  name = 'LabelsSchema1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'RESTRICT') =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

    await queryRunner.createTable(
      new Table({
        name: 'label_runs',
        columns: [
          c.id(),
          c.uuid('batch_id'),
          c.uuid('cooperative_id'),
          c.int('quantity'),
          c.text('layout', 20),
          c.text('format', 10),
          c.text('status', 12),
          c.int('progress', false, 0),
          c.bool('allow_overrun'),
          c.int('batch_capacity'),
          c.text('idempotency_key', 100, true),
          c.uuid('requested_by'),
          c.text('file_name', 300, true),
          { name: 'file_bytes', type: 'bigint', isNullable: true },
          c.text('error', 500, true),
          c.int('attempts', false, 0),
          c.timestamp('finished_at', true),
          ...c.audit(),
        ],
        indices: [
          new TableIndex({ name: 'ix_label_runs_batch', columnNames: ['batch_id'] }),
          new TableIndex({ name: 'ix_label_runs_status', columnNames: ['status'] }),
          new TableIndex({ name: 'ux_label_runs_idempotency', columnNames: ['cooperative_id', 'idempotency_key'], isUnique: true }),
        ],
        foreignKeys: [fk('batch_id', 'batches'), fk('cooperative_id', 'cooperatives')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'labels',
        columns: [
          c.id(),
          c.text('serial', 20),
          c.uuid('label_run_id'),
          c.uuid('batch_id'),
          c.uuid('cooperative_id'),
          c.int('sequence'),
          c.text('status', 10),
          c.text('void_reason', 300, true),
          c.timestamp('voided_at', true),
          c.int('scan_count', false, 0),
          c.timestamp('first_scanned_at', true),
          c.timestamp('last_scanned_at', true),
          ...c.audit(),
        ],
        indices: [
          new TableIndex({ name: 'ux_labels_serial', columnNames: ['serial'], isUnique: true }),
          new TableIndex({ name: 'ux_labels_run_sequence', columnNames: ['label_run_id', 'sequence'], isUnique: true }),
          new TableIndex({ name: 'ix_labels_batch', columnNames: ['batch_id'] }),
        ],
        foreignKeys: [fk('label_run_id', 'label_runs', 'CASCADE'), fk('batch_id', 'batches')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('labels');
    await queryRunner.dropTable('label_runs');
  }
}
