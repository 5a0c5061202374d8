import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor } from './schema-builder';

/** Accounts, co-operatives, households, plots and certifications, products, batches and their events. */
export class RegistrySchema1764100000000 implements MigrationInterface {
  name = 'RegistrySchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL' = 'RESTRICT') =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

    await queryRunner.createTable(
      new Table({
        name: 'cooperatives',
        columns: [
          c.id(),
          c.text('name', 200),
          c.text('province', 100),
          c.text('commune', 100),
          c.text('district', 100, true),
          c.text('tax_code', 14, true),
          c.text('gs1_company_prefix', 12, true),
          ...c.audit(),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'households',
        columns: [
          c.id(),
          c.uuid('cooperative_id'),
          c.text('head_name', 200),
          c.text('phone', 16),
          c.text('national_id_encrypted', 255, true),
          c.text('national_id_last4', 4, true),
          c.text('province', 100),
          c.text('commune', 100),
          c.text('district', 100, true),
          c.bool('digital_skills_trained'),
          ...c.audit(),
        ],
        indices: [
          new TableIndex({ name: 'ux_households_phone', columnNames: ['phone'], isUnique: true }),
          new TableIndex({ name: 'ix_households_cooperative', columnNames: ['cooperative_id'] }),
          new TableIndex({ name: 'ix_households_address', columnNames: ['province', 'commune'] }),
        ],
        foreignKeys: [fk('cooperative_id', 'cooperatives')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          c.text('phone', 16),
          c.text('password_hash', 255),
          c.text('role', 16),
          c.uuid('cooperative_id', true),
          c.uuid('household_id', true),
          c.int('failed_login_count', false, 0),
          c.timestamp('locked_until', true),
          c.timestamp('last_login_at', true),
          ...c.audit(),
        ],
        indices: [new TableIndex({ name: 'ux_users_phone', columnNames: ['phone'], isUnique: true })],
        foreignKeys: [fk('cooperative_id', 'cooperatives'), fk('household_id', 'households')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'plots',
        columns: [
          c.id(),
          c.uuid('household_id'),
          c.uuid('cooperative_id'),
          c.text('code', 40),
          c.decimal('area_ha'),
          c.decimal('latitude'),
          c.decimal('longitude'),
          c.text('crop', 100),
          ...c.audit(),
        ],
        indices: [
          new TableIndex({ name: 'ux_plots_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'ix_plots_household', columnNames: ['household_id'] }),
          new TableIndex({ name: 'ix_plots_cooperative', columnNames: ['cooperative_id'] }),
        ],
        foreignKeys: [fk('household_id', 'households'), fk('cooperative_id', 'cooperatives')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'plot_certifications',
        columns: [
          c.id(),
          c.uuid('plot_id'),
          c.text('scheme', 20),
          c.text('number', 60),
          c.text('issuer', 200, true),
          c.text('valid_until', 10),
          ...c.audit(),
        ],
        indices: [new TableIndex({ name: 'ix_plot_certifications_plot', columnNames: ['plot_id'] })],
        foreignKeys: [fk('plot_id', 'plots', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'products',
        columns: [
          c.id(),
          c.uuid('cooperative_id'),
          c.text('name', 200),
          c.text('variety', 100, true),
          c.text('gtin', 14, true),
          c.text('unit', 20),
          c.decimal('package_net_weight_kg', true),
          c.text('geographical_indication', 200, true),
          c.int('ocop_stars', true),
          c.text('description', 2000, true),
          c.int('shelf_life_days', true),
          ...c.audit(),
        ],
        indices: [
          new TableIndex({ name: 'ux_products_gtin', columnNames: ['gtin'], isUnique: true }),
          new TableIndex({ name: 'ix_products_cooperative', columnNames: ['cooperative_id'] }),
        ],
        foreignKeys: [fk('cooperative_id', 'cooperatives')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'batches',
        columns: [
          c.id(),
          c.uuid('product_id'),
          c.uuid('household_id'),
          c.uuid('plot_id', true),
          c.uuid('cooperative_id'),
          c.text('lot_code', 20),
          c.timestamp('harvested_at'),
          c.decimal('quantity'),
          c.text('unit', 20),
          c.json('safety_warnings'),
          { ...c.text('status', 20), default: "'active'" },
          ...c.audit(),
        ],
        indices: [
          new TableIndex({ name: 'ux_batches_lot_code', columnNames: ['lot_code'], isUnique: true }),
          new TableIndex({ name: 'ix_batches_product', columnNames: ['product_id'] }),
          new TableIndex({ name: 'ix_batches_household', columnNames: ['household_id'] }),
          new TableIndex({ name: 'ix_batches_cooperative', columnNames: ['cooperative_id'] }),
        ],
        foreignKeys: [
          fk('product_id', 'products'),
          fk('household_id', 'households'),
          fk('plot_id', 'plots'),
          fk('cooperative_id', 'cooperatives'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'batch_events',
        columns: [
          c.id(),
          c.uuid('batch_id'),
          c.text('biz_step', 20),
          c.timestamp('occurred_at'),
          c.json('details', true),
          c.uuid('recorded_by', true),
          ...c.audit(),
        ],
        indices: [new TableIndex({ name: 'ix_batch_events_batch_time', columnNames: ['batch_id', 'occurred_at'] })],
        foreignKeys: [fk('batch_id', 'batches', 'CASCADE')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['batch_events', 'batches', 'products', 'plot_certifications', 'plots', 'users', 'households', 'cooperatives']) {
      await queryRunner.dropTable(table);
    }
  }
}
