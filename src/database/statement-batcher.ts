/**
 * Merges concurrent requests into few database statements: while `maxInFlight` statements are
 * running, new requests wait and go out together in the next one. An idle batcher sends a request at
 * once (no timer, no added latency); a busy one sends fewer, larger statements, so each commit (and
 * its WAL flush) serves many callers. `execute` answers one result per request, in order.
 */
export class StatementBatcher<Request, Result> {
  private waiting: { request: Request; resolve: (r: Result) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    private readonly execute: (requests: Request[]) => Promise<Result[]>,
    private readonly maxInFlight = 2,
    private readonly maxBatch = 200,
  ) {}

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight++;
      this.execute(batch.map((b) => b.request))
        .then(
          (results) => batch.forEach((b, i) => b.resolve(results[i])),
          (error: unknown) => batch.forEach((b) => b.reject(error)),
        )
        .finally(() => {
          this.inFlight--;
          this.drain();
        });
    }
  }
}
