import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columnsFor } from './schema-builder';

/**
 * Issue 12 for products and batches: edits carry a version, records can be archived, creates are
 * repeatable by a client id, the diary is corrected by superseding events, and a batch harvested
 * inside a pesticide's pre-harvest interval is held until it is safe or a manager releases it.
 */
export class BatchesFoodSafety1764810000000 implements MigrationInterface {
  name = 'BatchesFoodSafety1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.addColumns('products', [
      new TableColumn(c.int('version', false, 1)),
      new TableColumn(c.timestamp('archived_at', true)),
      new TableColumn(c.text('gtin_prefix_override_reason', 500, true)),
      new TableColumn(c.uuid('gtin_prefix_override_by', true)),
      new TableColumn(c.timestamp('gtin_prefix_override_at', true)),
    ]);
    await queryRunner.addColumns('batches', [
      new TableColumn(c.int('version', false, 1)),
      new TableColumn(c.text('create_fingerprint', 64, true)),
      new TableColumn(c.timestamp('archived_at', true)),
      new TableColumn(c.timestamp('safe_from', true)),
      new TableColumn(c.text('safety_override_reason', 500, true)),
      new TableColumn(c.uuid('safety_override_by', true)),
      new TableColumn(c.timestamp('safety_override_at', true)),
      new TableColumn(c.timestamp('safety_override_safe_from', true)),
    ]);
    await queryRunner.addColumns('batch_events', [
      new TableColumn(c.text('create_fingerprint', 64, true)),
      new TableColumn(c.uuid('supersedes', true)),
      new TableColumn(c.uuid('superseded_by', true)),
      new TableColumn(c.text('correction_reason', 500, true)),
    ]);
    // An event is corrected at most once: two phones correcting it at the same time cannot both win.
    await queryRunner.createIndex(
      'batch_events',
      new TableIndex({ name: 'ux_batch_events_supersedes', columnNames: ['supersedes'], isUnique: true }),
    );

    // Backfill: the date each flagged batch becomes safe is the latest safeFrom of its recorded warnings.
    const rows = (await queryRunner.query(`SELECT id, safety_warnings FROM batches`)) as { id: string; safety_warnings: unknown }[];
    for (const row of rows) {
      const warnings = (typeof row.safety_warnings === 'string' ? JSON.parse(row.safety_warnings) : row.safety_warnings) as
        { safeFrom?: string }[] | null;
      const latest = (warnings ?? [])
        .map((w) => Date.parse(w.safeFrom ?? ''))
        .filter(Number.isFinite)
        .reduce((a, b) => Math.max(a, b), 0);
      if (!latest) continue;
      await queryRunner.query(c.dialect.sql('UPDATE batches SET safe_from = ? WHERE id = ?'), [
        c.dialect.timestamp(new Date(latest)),
        row.id,
      ]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('batch_events', 'ux_batch_events_supersedes');
    for (const column of ['correction_reason', 'superseded_by', 'supersedes', 'create_fingerprint'])
      await queryRunner.dropColumn('batch_events', column);
    for (const column of [
      'safety_override_safe_from',
      'safety_override_at',
      'safety_override_by',
      'safety_override_reason',
      'safe_from',
      'archived_at',
      'create_fingerprint',
      'version',
    ])
      await queryRunner.dropColumn('batches', column);
    for (const column of ['gtin_prefix_override_at', 'gtin_prefix_override_by', 'gtin_prefix_override_reason', 'archived_at', 'version'])
      await queryRunner.dropColumn('products', column);
  }
}
