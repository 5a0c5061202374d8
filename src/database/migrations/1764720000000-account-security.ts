import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columnsFor } from './schema-builder';

/**
 * Account security (issue 11): a per-user token version carried in every access token, so a role change,
 * a disabled account or a logout ends the tokens already issued; disabled accounts; a reset password that
 * must be changed at the next login.
 */
export class AccountSecurity1764720000000 implements MigrationInterface {
  name = 'AccountSecurity1764720000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnsFor(queryRunner);
    await queryRunner.addColumns('users', [
      new TableColumn(c.int('token_version', false, 0)),
      new TableColumn(c.bool('disabled', false)),
      new TableColumn(c.bool('must_change_password', false)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('users', ['must_change_password', 'disabled', 'token_version']);
  }
}
