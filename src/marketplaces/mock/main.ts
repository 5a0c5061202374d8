import { loadEnvironment } from '../../config/environment';
import { startMockMarketplaces } from './mock-marketplaces';

/** npm run mock:marketplaces — the mock marketplaces on their own (MOCK_MARKETPLACES_PORT, default 4010). */
async function main(): Promise<void> {
  const env = loadEnvironment();
  const port = env.MOCK_MARKETPLACES_PORT || 4010;
  const mock = await startMockMarketplaces(
    { keys: env, reviewDelayMs: env.MOCK_REVIEW_DELAY_MS, webhookBaseUrl: env.MOCK_WEBHOOK_BASE_URL },
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
  console.error(error);
  process.exit(1);
});
