import { StatementBatcher } from './statement-batcher';

describe('StatementBatcher', () => {
  it('sends an idle request at once and merges those that arrive while statements run', async () => {
    const batches: number[][] = [];
    const releases: (() => void)[] = [];
    const batcher = new StatementBatcher<number, number>(
      (requests) =>
        new Promise((resolve) => {
          batches.push(requests);
          releases.push(() => resolve(requests.map((r) => r * 10)));
        }),
      1,
    );
    const first = batcher.submit(1);
    expect(batches).toEqual([[1]]);
    const rest = [2, 3, 4].map((n) => batcher.submit(n));
    expect(batches).toEqual([[1]]); // waiting for the statement in flight
    releases[0]();
    expect(await first).toBe(10);
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1], [2, 3, 4]]);
    releases[1]();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('rejects every request of a failed statement, and goes on with the next ones', async () => {
    let fail = true;
    const batcher = new StatementBatcher<number, number>((requests) =>
      fail ? Promise.reject(new Error('connection lost')) : Promise.resolve(requests),
    );
    const failed = [batcher.submit(1), batcher.submit(2), batcher.submit(3)];
    await Promise.allSettled(failed);
    for (const p of failed) await expect(p).rejects.toThrow('connection lost');
    fail = false;
    await expect(batcher.submit(4)).resolves.toBe(4);
  });

  it('never puts more than maxBatch requests in one statement', async () => {
    const sizes: number[] = [];
    const batcher = new StatementBatcher<number, number>(
      async (requests) => {
        sizes.push(requests.length);
        await new Promise((r) => setTimeout(r, 5));
        return requests;
      },
      1,
      3,
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.submit(i)));
    expect(Math.max(...sizes)).toBe(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(10);
  });
});
