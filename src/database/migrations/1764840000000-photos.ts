import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { columnsFor } from './schema-builder';

/** Issue 13: photos from the farmer's phone (a plot's paper certificate, a harvest), shrunk on the phone. */
export class Photos1764840000000 implements MigrationInterface {
  name = 'Photos1764840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'photos',
        columns: [
          c.id(),
          c.text('subject', 10),
          c.uuid('subject_id'),
          c.text('kind', 20),
          c.text('content_type', 20),
          c.int('width'),
          c.int('height'),
          c.int('bytes'),
          { name: 'data', type: c.kind === 'postgres' ? 'bytea' : 'blob' },
          c.uuid('recorded_by', true),
          c.text('create_fingerprint', 64),
          ...c.audit(),
        ],
        indices: [new TableIndex({ name: 'ix_photos_subject', columnNames: ['subject', 'subject_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('photos');
  }
}
