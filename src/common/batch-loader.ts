/**
 * Gathers the keys asked for while the event loop handles one round of I/O and reads them with one
 * call: fifty scans of fifty labels arriving together cost one query, not fifty. Each key asked for
 * twice in a round is read once. A failed read rejects every caller of its round, and the next round
 * tries again.
 */
export class BatchLoader<K, V> {
  private queue = new Map<K, { resolve: (value: V | null) => void; reject: (error: unknown) => void }[]>();
  private scheduled = false;

  /**
   * @param readMany answers the keys it found (absent keys are answered null)
   * @param maxBatch the most keys one call may carry (a statement's parameter limit, say)
   */
  constructor(
    private readonly readMany: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch = 500,
  ) {}

  load(key: K): Promise<V | null> {
    return new Promise<V | null>((resolve, reject) => {
      const waiting = this.queue.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.queue.set(key, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        // setImmediate, not a microtask: the requests already read from the sockets join this round.
        setImmediate(() => this.dispatch());
      }
    });
  }

  private dispatch(): void {
    const queue = this.queue;
    this.queue = new Map();
    this.scheduled = false;
    const keys = [...queue.keys()];
    for (let start = 0; start < keys.length; start += this.maxBatch) {
      const chunk = keys.slice(start, start + this.maxBatch);
      this.readMany(chunk).then(
        (found) => {
          for (const key of chunk) for (const waiter of queue.get(key)!) waiter.resolve(found.get(key) ?? null);
        },
        (error: unknown) => {
          for (const key of chunk) for (const waiter of queue.get(key)!) waiter.reject(error);
        },
      );
    }
  }
}
