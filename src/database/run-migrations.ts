import { loadEnvironmentOrExit } from '../config/environment';

// Validated before the entities load: their column types are fixed from it as they load (see environmentAtLoad).
const env = loadEnvironmentOrExit();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only once the environment is valid (see above)
const { migrateDatabase } = require('./migration-runner') as typeof import('./migration-runner');

/** `npm run migration:run`: applies pending migrations to DATABASE_URL and exits. */
async function main(): Promise<void> {
  const applied = await migrateDatabase(env.DATABASE_URL);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database schema is up to date');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
