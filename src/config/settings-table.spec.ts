import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderSettingsTable, withSettingsTable } from './settings-table';
import { SETTINGS } from './settings';

describe("the README's configuration tables", () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

  it('are the ones generated from the settings (run `npm run docs:config` after changing a variable)', () => {
    expect(withSettingsTable(readme)).toBe(readme);
  });

  it('name every variable with its default', () => {
    const table = renderSettingsTable();
    for (const name of Object.keys(SETTINGS)) expect(table).toMatch(new RegExp(`^\\| \`${name}\` \\| [^|]+ \\|`, 'm'));
    expect(table).toContain('| `PORT` | `3000` |');
    expect(table).toContain('| `METRICS_TOKEN` | unset |');
    expect(table).toContain('| `TRACE_HELP_LINE` | empty |');
  });
});
