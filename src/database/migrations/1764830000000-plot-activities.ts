import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor } from './schema-builder';

/**
 * Issue 13: the farmer's field diary on a plot (spraying, fertilizing, watering, pruning) before any
 * harvest batch exists. A spraying here counts for the plot's pre-harvest interval.
 */
export class PlotActivities1764830000000 implements MigrationInterface {
  name = 'PlotActivities1764830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'plot_activities',
        columns: [
          c.id(),
          c.uuid('plot_id'),
          c.text('activity', 20),
          c.timestamp('occurred_at'),
          c.json('details', true),
          c.uuid('recorded_by', true),
          c.text('create_fingerprint', 64),
          ...c.audit(),
        ],
        indices: [new TableIndex({ name: 'ix_plot_activities_plot_occurred', columnNames: ['plot_id', 'occurred_at'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['plot_id'], referencedTableName: 'plots', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('plot_activities');
  }
}
