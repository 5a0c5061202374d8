import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { foldForSearch } from '../../common/text/search-fold';
import { columnsFor } from './schema-builder';

/**
 * Issue 12: co-operatives, households, plots and certificates can be edited (a `version` for
 * If-Match), archived, created again safely with a client id (`create_fingerprint`) and searched
 * without diacritics (folded `*_search` columns, filled here for the rows that exist). Certificates
 * gain an issue date, who entered and verified them, and revocation. Certificates that exist already
 * stay unverified: nobody recorded who entered them.
 */
export class RegistryRecords1764800000000 implements MigrationInterface {
  name = 'RegistryRecords1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    const version = () => c.int('version', false, 1);

    await queryRunner.addColumns('cooperatives', [
      new TableColumn(version()),
      new TableColumn(c.timestamp('archived_at', true)),
      new TableColumn(c.text('name_search', 200, true)),
      new TableColumn(c.text('province_search', 100, true)),
      new TableColumn(c.text('commune_search', 100, true)),
    ]);
    await queryRunner.addColumns('households', [
      new TableColumn(version()),
      new TableColumn(c.timestamp('archived_at', true)),
      new TableColumn(c.text('create_fingerprint', 64, true)),
      new TableColumn(c.text('head_name_search', 200, true)),
      new TableColumn(c.text('province_search', 100, true)),
      new TableColumn(c.text('commune_search', 100, true)),
    ]);
    await queryRunner.addColumns('plots', [
      new TableColumn(version()),
      new TableColumn(c.timestamp('archived_at', true)),
      new TableColumn(c.text('create_fingerprint', 64, true)),
      new TableColumn(c.text('crop_search', 100, true)),
    ]);
    await queryRunner.addColumns('plot_certifications', [
      new TableColumn(c.text('issued_at', 10, true)),
      new TableColumn(version()),
      new TableColumn(c.text('create_fingerprint', 64, true)),
      new TableColumn(c.uuid('created_by', true)),
      new TableColumn(c.uuid('verified_by', true)),
      new TableColumn(c.timestamp('verified_at', true)),
      new TableColumn(c.timestamp('revoked_at', true)),
      new TableColumn(c.uuid('revoked_by', true)),
      new TableColumn(c.text('revoked_reason', 500, true)),
    ]);
    // Households are listed and searched by province and commune within a co-operative.
    await queryRunner.createIndex(
      'households',
      new TableIndex({ name: 'ix_households_search_address', columnNames: ['cooperative_id', 'province_search', 'commune_search'] }),
    );

    const p = (n: number) => c.dialect.placeholder(n);
    const fold = async (table: string, columns: Record<string, string>) => {
      const sources = Object.keys(columns);
      const rows = (await queryRunner.query(`SELECT id, ${sources.join(', ')} FROM ${table}`)) as Record<string, string | null>[];
      const assignments = Object.values(columns)
        .map((target, i) => `${target} = ${p(i + 1)}`)
        .join(', ');
      for (const row of rows) {
        const values = sources.map((source) => foldForSearch(row[source]));
        await queryRunner.query(`UPDATE ${table} SET ${assignments} WHERE id = ${p(sources.length + 1)}`, [...values, row.id]);
      }
    };
    await fold('cooperatives', { name: 'name_search', province: 'province_search', commune: 'commune_search' });
    await fold('households', { head_name: 'head_name_search', province: 'province_search', commune: 'commune_search' });
    await fold('plots', { crop: 'crop_search' });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('households', 'ix_households_search_address');
    const drop = (table: string, columns: string[]) => queryRunner.dropColumns(table, columns);
    await drop('plot_certifications', [
      'issued_at',
      'version',
      'create_fingerprint',
      'created_by',
      'verified_by',
      'verified_at',
      'revoked_at',
      'revoked_by',
      'revoked_reason',
    ]);
    await drop('plots', ['version', 'archived_at', 'create_fingerprint', 'crop_search']);
    await drop('households', ['version', 'archived_at', 'create_fingerprint', 'head_name_search', 'province_search', 'commune_search']);
    await drop('cooperatives', ['version', 'archived_at', 'name_search', 'province_search', 'commune_search']);
  }
}
