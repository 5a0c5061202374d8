import 'reflect-metadata';
import { loadEnvironmentOrExit } from './config/environment';

// Validated before the application's modules load: some fix a value from it as they load (see
// environmentAtLoad), and a bad value must stop the process with its one-line reason, not a stack trace.
const env = loadEnvironmentOrExit();
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only once the environment is valid (see above)
const { bootstrap } = require('./bootstrap') as typeof import('./bootstrap');

bootstrap(env).catch((error: unknown) => {
  console.error('Start-up failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
