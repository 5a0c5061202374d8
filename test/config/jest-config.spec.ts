/**
 * Jest 30 takes `testTimeout` from the global configuration only: set inside a project it is ignored
 * without a word, and the e2e files ran with the 5 s default (10 of 26 failed on a busy machine).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the configuration file is CommonJS
const config = require('../../jest.config.js') as { testTimeout?: number; projects: Record<string, unknown>[] };

describe('jest configuration', () => {
  it('sets the test timeout where Jest reads it, long enough for an app to boot on a busy machine', () => {
    expect(config.testTimeout).toBeGreaterThanOrEqual(30_000);
  });

  it('sets no project option that Jest would silently ignore', () => {
    for (const project of config.projects) expect(project).not.toHaveProperty('testTimeout');
  });
});
