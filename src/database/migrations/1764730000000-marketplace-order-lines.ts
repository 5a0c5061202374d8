import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor } from './schema-builder';

/**
 * Marketplace orders are never lost or forged (issue 11, point 7):
 * - money is `bigint` (a 3,000,000,000 VND order overflowed int4 and answered 500 on every resend);
 *   SQLite's INTEGER already holds 64 bits;
 * - a line is keyed by (marketplace, order id, item id), so a resend is idempotent whatever order its lines come in;
 * - an order beyond stock is flagged on the line and on the listing;
 * - lines that cannot be recorded are kept, with the reason, for the co-op to see.
 * Existing lines take their item id from their channel.
 */
export class MarketplaceOrderLines1764730000000 implements MigrationInterface {
  name = 'MarketplaceOrderLines1764730000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    const fk = (column: string, table: string) =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });

    await queryRunner.addColumns('marketplace_orders', [
      new TableColumn({ ...c.text('external_item_id', 64), default: "''" }),
      new TableColumn(c.bigint('unit_price', 0)),
      new TableColumn(c.bool('oversold', false)),
    ]);
    if (c.kind === 'postgres') {
      await queryRunner.query('ALTER TABLE marketplace_orders ALTER COLUMN total_amount TYPE bigint');
    }
    await queryRunner.query(
      `UPDATE marketplace_orders SET
         external_item_id = COALESCE((SELECT lc.external_id FROM listing_channels lc
                                      WHERE lc.listing_id = marketplace_orders.listing_id AND lc.marketplace = marketplace_orders.marketplace), ''),
         unit_price = CASE WHEN quantity > 0 THEN total_amount / quantity ELSE 0 END`,
    );
    await queryRunner.dropIndex('marketplace_orders', 'ux_marketplace_orders_external');
    await queryRunner.createIndex(
      'marketplace_orders',
      new TableIndex({
        name: 'ux_marketplace_orders_line',
        columnNames: ['marketplace', 'external_order_id', 'external_item_id'],
        isUnique: true,
      }),
    );
    await queryRunner.createIndex(
      'marketplace_orders',
      new TableIndex({ name: 'ix_marketplace_orders_listing', columnNames: ['listing_id'] }),
    );

    await queryRunner.addColumn('listings', new TableColumn(c.timestamp('oversold_at', true)));

    await queryRunner.createTable(
      new Table({
        name: 'marketplace_order_rejections',
        columns: [
          c.id(),
          c.text('marketplace', 10),
          c.text('external_order_id', 64),
          c.text('external_item_id', 64),
          c.uuid('listing_id', true),
          c.uuid('cooperative_id', true),
          c.text('reason', 300),
          c.json('line'),
          ...c.audit(),
        ],
        indices: [
          new TableIndex({
            name: 'ux_marketplace_order_rejections_line',
            columnNames: ['marketplace', 'external_order_id', 'external_item_id'],
            isUnique: true,
          }),
          new TableIndex({ name: 'ix_marketplace_order_rejections_cooperative', columnNames: ['cooperative_id'] }),
          new TableIndex({ name: 'ix_marketplace_order_rejections_listing', columnNames: ['listing_id'] }),
        ],
        foreignKeys: [fk('listing_id', 'listings'), fk('cooperative_id', 'cooperatives')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const { kind } = columnsFor(queryRunner);
    await queryRunner.dropTable('marketplace_order_rejections');
    await queryRunner.dropColumn('listings', 'oversold_at');
    await queryRunner.dropIndex('marketplace_orders', 'ix_marketplace_orders_listing');
    await queryRunner.dropIndex('marketplace_orders', 'ux_marketplace_orders_line');
    // Lines of one order are folded back into the old one-row-per-order key.
    const id = kind === 'postgres' ? 'id::text' : 'id';
    await queryRunner.query(
      `UPDATE marketplace_orders SET external_order_id = SUBSTR(external_order_id || '#' || external_item_id, 1, 64)
       WHERE ${id} NOT IN (SELECT MIN(${id}) FROM marketplace_orders GROUP BY marketplace, external_order_id)`,
    );
    await queryRunner.createIndex(
      'marketplace_orders',
      new TableIndex({ name: 'ux_marketplace_orders_external', columnNames: ['marketplace', 'external_order_id'], isUnique: true }),
    );
    if (kind === 'postgres') await queryRunner.query('ALTER TABLE marketplace_orders ALTER COLUMN total_amount TYPE integer');
    await queryRunner.dropColumns('marketplace_orders', ['oversold', 'unit_price', 'external_item_id']);
  }
}
