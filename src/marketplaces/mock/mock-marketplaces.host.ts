import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Environment } from '../../config/environment';
import { MockMarketplaces, startMockMarketplaces } from './mock-marketplaces';

/** Starts the mock marketplaces inside ROLE=all on MOCK_MARKETPLACES_PORT (0 = off), so a laptop demo needs one command. */
@Injectable()
export class MockMarketplacesHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MockMarketplacesHost.name);
  private mock: (MockMarketplaces & { url: string; close: () => Promise<void> }) | null = null;

  constructor(private readonly env: Environment) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.env.ROLE !== 'all' || this.env.MOCK_MARKETPLACES_PORT === 0) return;
    try {
      this.mock = await startMockMarketplaces(
        { keys: this.env, reviewDelayMs: this.env.MOCK_REVIEW_DELAY_MS, webhookBaseUrl: this.env.MOCK_WEBHOOK_BASE_URL },
        this.env.MOCK_MARKETPLACES_PORT,
      );
      this.logger.log(`Mock marketplaces on ${this.mock.url} (/shopee, /lazada/rest, /tiki, control API /_mock)`);
    } catch (error) {
      this.logger.warn(`Mock marketplaces not started on port ${this.env.MOCK_MARKETPLACES_PORT}: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mock?.close();
  }
}
