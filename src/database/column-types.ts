import { dialectAtLoad } from './sql-dialect';

/**
 * The column types of the configured database, for entity decorators. Decorators are evaluated when
 * their module loads, so the choice is made then (from DATABASE_URL, through the config module); one
 * process only ever talks to one kind of database.
 */
export const columnTypes = dialectAtLoad().columnTypes;

// Still imported by src/trace/scan-recorder.service.ts (outside this change); new code asks `dialectOf(…).timestamp(date)`.
export { sqliteTimestamp } from './sql-dialect';
