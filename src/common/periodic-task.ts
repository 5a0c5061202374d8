/**
 * Runs a background task every `everyMs`, never two runs at once (a slow run makes the next tick
 * skip), on a timer that does not keep the process alive. The task reports its own failures; a
 * rejection that escapes is dropped here so a database outage never becomes an unhandled rejection.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly everyMs: number,
    private readonly task: () => Promise<unknown>,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.task();
    } catch {
      // reported by the task
    } finally {
      this.running = false;
    }
  }
}
