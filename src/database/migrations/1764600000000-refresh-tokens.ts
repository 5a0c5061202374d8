import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columnsFor } from './schema-builder';

/** Refresh tokens (issue 7, short-lived access tokens): hashed, rotated on use, revoked per session. */
export class RefreshTokens1764600000000 implements MigrationInterface {
  name = 'RefreshTokens1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          c.id(),
          c.uuid('user_id'),
          c.uuid('family_id'),
          c.text('token_hash', 64),
          c.timestamp('expires_at'),
          c.timestamp('used_at', true),
          c.timestamp('revoked_at', true),
          ...c.audit(),
        ],
        indices: [
          new TableIndex({ name: 'ux_refresh_tokens_hash', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'ix_refresh_tokens_family', columnNames: ['family_id'] }),
          new TableIndex({ name: 'ix_refresh_tokens_expires', columnNames: ['expires_at'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('refresh_tokens');
  }
}
