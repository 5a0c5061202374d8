import { dialectAtLoad } from './sql-dialect';

/**
 * The column types of the configured database, for entity decorators. Decorators are evaluated when
 * their module loads, so the choice is made then (from DATABASE_URL, through the config module); one
 * process only ever talks to one kind of database.
 */
export const columnTypes = dialectAtLoad().columnTypes;
