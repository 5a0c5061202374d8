import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnsFor } from './schema-builder';

/**
 * Title/description changes are pushed to the platforms too (issue 5): a listing counts its content
 * changes apart from price/stock, and each channel remembers the content version the platform holds,
 * so a price or stock change never re-sends the title. Existing channels hold the first content.
 */
export class ListingContentSync1764450000000 implements MigrationInterface {
  name = 'ListingContentSync1764450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.addColumn('listings', new TableColumn(c.int('content_version', false, 1)));
    await queryRunner.addColumn('listing_channels', new TableColumn(c.int('synced_content_version', false, 1)));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('listing_channels', 'synced_content_version');
    await queryRunner.dropColumn('listings', 'content_version');
  }
}
