import { createDatabase, dropDatabase, uniqueName } from '../support/test-services';
import { dialectCases } from './sql-dialect-cases';

describe('the SQL dialect on PostgreSQL (e2e)', () => {
  const name = uniqueName('nst');
  dialectCases(
    'postgres',
    () => createDatabase(name),
    () => dropDatabase(name),
  );
});
