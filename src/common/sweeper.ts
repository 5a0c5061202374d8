import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

/**
 * A safety net that looks, every `everyMs` while the application runs, for work that fell through
 * the cracks and puts it back on its way. A failed sweep is logged and counts as nothing swept: the
 * next tick tries again, so an outage of the database or Redis never stops the sweeper.
 */
export abstract class Sweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private readonly periodic: PeriodicTask;

  protected constructor(
    everyMs: number,
    /** Names the sweep in the warning of a failed one. */
    private readonly what: string,
  ) {
    this.periodic = new PeriodicTask(everyMs, () => this.sweep());
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  onApplicationShutdown(): void {
    this.periodic.stop();
  }

  /** Sweeps once as of `now`; answers how many items were put back on their way. */
  async sweep(now = new Date()): Promise<number> {
    try {
      return await this.sweepStale(now);
    } catch (error) {
      this.logger.warn(`${this.what} sweep failed: ${(error as Error).message}`);
      return 0;
    }
  }

  protected abstract sweepStale(now: Date): Promise<number>;
}
