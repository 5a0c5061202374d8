import { loadEnvironment, STANDALONE_MOCK_PORT } from '../../src/config/environment';
import { startMockMarketplaces } from './index';

/** npm run mock:marketplaces — the mock marketplaces on their own (MOCK_MARKETPLACES_PORT, default 4010). */
async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('The mock marketplaces are a development and test tool: they do not start with NODE_ENV=production');
  }
  const env = loadEnvironment();
  const port = env.MOCK_MARKETPLACES_PORT || STANDALONE_MOCK_PORT;
  const mock = await startMockMarketplaces(
    {
        keys: env,
        reviewDelayMs: env.MOCK_REVIEW_DELAY_MS,
        webhookBaseUrl: env.MOCK_WEBHOOK_BASE_URL,
        registeredWebhookBaseUrl: env.PUBLIC_BASE_URL,
      },
    port,
    env.HOST,
  );
  console.log(
    `Mock marketplaces listening on ${mock.url}: /shopee, /lazada/rest, /tiki; control API /_mock/:marketplace/{items,faults,orders,stats}`,
  );
  const stop = () => void mock.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
