/**
 * `npm run docs:config`: rewrites the README's configuration tables from `src/config/settings.ts`, so a
 * variable is documented where it is declared. `settings-table.spec.ts` fails when the README is behind.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withSettingsTable } from '../src/config/settings-table';

const readmePath = join(__dirname, '..', 'README.md');
const before = readFileSync(readmePath, 'utf8');
const after = withSettingsTable(before);
if (after !== before) writeFileSync(readmePath, after);
process.stdout.write(after === before ? 'README.md configuration tables are up to date\n' : 'README.md configuration tables rewritten\n');
