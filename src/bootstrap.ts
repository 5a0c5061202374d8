import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { Environment } from './config/environment';
import { migrateDatabase } from './database/migration-runner';
import { createHttpApp } from './http-app';

/**
 * ROLE=api serves HTTP only; ROLE=worker runs queue consumers without any HTTP controller;
 * ROLE=all (the default) does both in one process, for a laptop or a small co-op server.
 */
export async function bootstrap(env: Environment): Promise<void> {
  await migrateDatabase(env.DATABASE_URL);
  if (env.ROLE === 'worker') {
    const context = await NestFactory.createApplicationContext(AppModule.forRole(env, 'worker'), { bufferLogs: true });
    context.useLogger(context.get(Logger));
    context.enableShutdownHooks();
    await context.init();
    context.get(Logger).log('Worker started');
    return;
  }
  const app = await createHttpApp(env);
  const logger = app.get(Logger);
  // Before listening: once the service answers, the mocks are either up or never will be.
  await startDevelopmentMocks(env, logger);
  await app.listen({ port: env.PORT, host: env.HOST });
  logger.log(`Listening on ${await app.getUrl()} (role ${env.ROLE}); API docs at /docs`);
}

/** The mock marketplaces' entry in a checkout: beside src/ and dist/, outside the production build and image. */
const MOCK_MARKETPLACES = join(__dirname, '..', 'tools', 'mock-marketplaces', 'index.ts');

/** What this file uses of the tool (declared here: the tool is not part of this program). */
interface MockMarketplacesTool {
  startMockMarketplaces(
    options: { keys: Environment; reviewDelayMs: number; webhookBaseUrl: string; registeredWebhookBaseUrl?: string },
    port: number,
  ): Promise<{ url: string }>;
}

/**
 * ROLE=all outside production also starts the mock marketplaces on MOCK_MARKETPLACES_PORT, so `npm start`
 * on a laptop needs nothing else. They are a development tool kept out of the build (tools/, TypeScript),
 * loaded from the checkout through ts-node, a dev dependency; production never loads them.
 */
async function startDevelopmentMocks(env: Environment, logger: Logger): Promise<void> {
  if (env.NODE_ENV === 'production' || env.ROLE !== 'all' || env.MOCK_MARKETPLACES_PORT === 0) return;
  if (!existsSync(MOCK_MARKETPLACES)) {
    logger.warn(`Mock marketplaces not started: this installation has no ${MOCK_MARKETPLACES}`);
    return;
  }
  try {
    registerTypeScript();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a TypeScript file outside the build, compiled on load
    const tool = require(MOCK_MARKETPLACES) as MockMarketplacesTool;
    const mock = await tool.startMockMarketplaces(
      {
        keys: env,
        reviewDelayMs: env.MOCK_REVIEW_DELAY_MS,
        webhookBaseUrl: env.MOCK_WEBHOOK_BASE_URL,
        registeredWebhookBaseUrl: env.PUBLIC_BASE_URL,
      },
      env.MOCK_MARKETPLACES_PORT,
    );
    logger.log(`Mock marketplaces on ${mock.url} (/shopee, /lazada/rest, /tiki; control API under /_mock)`);
  } catch (error) {
    logger.warn(`Mock marketplaces not started on port ${env.MOCK_MARKETPLACES_PORT}: ${(error as Error).message}`);
  }
}

function registerTypeScript(): void {
  // Already running under ts-node (`ts-node src/main.ts`): a second registration would compile each file twice.
  if ((process as unknown as Record<symbol, unknown>)[Symbol.for('ts-node.register.instance')]) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dev dependency, absent from the production image
  const tsNode = require('ts-node') as { register(options: { transpileOnly: boolean; project: string }): unknown };
  tsNode.register({ transpileOnly: true, project: join(__dirname, '..', 'tsconfig.json') });
}
