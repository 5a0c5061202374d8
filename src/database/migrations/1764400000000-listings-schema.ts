import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor } from './schema-builder';

/** Marketplace listings, their per-channel sync state, the sync outbox and the orders coming back (issue 5). */
export class ListingsSchema1764400000000 implements MigrationInterface {
  name = 'ListingsSchema1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'RESTRICT') =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete });

    await queryRunner.createTable(
      new Table({
        name: 'listings',
        columns: [
          c.id(),
          c.uuid('cooperative_id'),
          c.uuid('product_id'),
          c.uuid('batch_id', true),
          c.text('seller_sku', 40),
          c.text('title', 255),
          c.text('description', 5000),
          c.int('price'),
          c.int('stock'),
          c.decimal('weight_kg'),
          c.json('image_urls'),
          c.text('state', 10),
          c.int('version', false, 1),
          c.uuid('created_by'),
          ...c.audit(),
        ],
        indices: [
          new TableIndex({ name: 'ux_listings_seller_sku', columnNames: ['seller_sku'], isUnique: true }),
          new TableIndex({ name: 'ix_listings_cooperative', columnNames: ['cooperative_id'] }),
        ],
        foreignKeys: [fk('cooperative_id', 'cooperatives'), fk('product_id', 'products'), fk('batch_id', 'batches')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'listing_channels',
        columns: [
          c.id(),
          c.uuid('listing_id'),
          c.text('marketplace', 10),
          c.text('status', 12),
          c.text('external_id', 64, true),
          c.text('review_ref', 64, true),
          c.int('attempts', false, 0),
          c.int('create_calls', false, 0),
          c.text('last_error', 1000, true),
          c.timestamp('synced_at', true),
          c.int('synced_version', false, 0),
          c.timestamp('lease_until', true),
          ...c.audit(),
        ],
        indices: [
          new TableIndex({ name: 'ux_listing_channels_listing_marketplace', columnNames: ['listing_id', 'marketplace'], isUnique: true }),
          new TableIndex({ name: 'ix_listing_channels_external', columnNames: ['marketplace', 'external_id'] }),
          new TableIndex({ name: 'ix_listing_channels_status', columnNames: ['status'] }),
        ],
        foreignKeys: [fk('listing_id', 'listings', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sync_outbox',
        columns: [c.id(), c.uuid('listing_id'), c.text('marketplace', 10), c.timestamp('available_at'), c.audit()[0]],
        indices: [
          new TableIndex({ name: 'ix_sync_outbox_available', columnNames: ['available_at'] }),
          new TableIndex({ name: 'ix_sync_outbox_channel', columnNames: ['listing_id', 'marketplace'] }),
        ],
        foreignKeys: [fk('listing_id', 'listings', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'marketplace_orders',
        columns: [
          c.id(),
          c.text('marketplace', 10),
          c.text('external_order_id', 64),
          c.uuid('listing_id'),
          c.uuid('cooperative_id'),
          c.uuid('batch_id', true),
          c.text('lot_code', 20, true),
          c.int('quantity'),
          c.int('total_amount'),
          c.text('buyer_ref', 100, true),
          c.timestamp('ordered_at'),
          ...c.audit(),
        ],
        indices: [
          new TableIndex({ name: 'ux_marketplace_orders_external', columnNames: ['marketplace', 'external_order_id'], isUnique: true }),
          new TableIndex({ name: 'ix_marketplace_orders_batch', columnNames: ['batch_id'] }),
          new TableIndex({ name: 'ix_marketplace_orders_cooperative', columnNames: ['cooperative_id'] }),
        ],
        foreignKeys: [fk('listing_id', 'listings'), fk('cooperative_id', 'cooperatives'), fk('batch_id', 'batches')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('marketplace_orders');
    await queryRunner.dropTable('sync_outbox');
    await queryRunner.dropTable('listing_channels');
    await queryRunner.dropTable('listings');
  }
}
