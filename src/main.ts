import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { ConfigurationError, Environment, loadEnvironment } from './config/environment';
import { migrateDatabase } from './database/migration-runner';
import { createHttpApp } from './http-app';

/**
 * ROLE=api serves HTTP only; ROLE=worker runs queue consumers without any HTTP controller;
 * ROLE=all (the default) does both in one process, for a laptop or a small co-op server.
 */
async function bootstrap(env: Environment): Promise<void> {
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
  await app.listen({ port: env.PORT, host: env.HOST });
  app.get(Logger).log(`Listening on ${await app.getUrl()} (role ${env.ROLE}); API docs at /docs`);
}

let env: Environment;
try {
  env = loadEnvironment();
} catch (error) {
  // One line naming the variable and the reason, then stop: see Environment.
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
}

bootstrap(env).catch((error: unknown) => {
  console.error('Start-up failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
