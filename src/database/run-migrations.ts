import { loadEnvironment } from '../config/environment';
import { migrateDatabase } from './migration-runner';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL and exits. */
async function main(): Promise<void> {
  const env = loadEnvironment();
  const applied = await migrateDatabase(env.DATABASE_URL);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database schema is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
