import { jitteredBackoff, syncJobOptions } from './sync.queue';

describe('jitteredBackoff', () => {
  it('doubles the step each attempt, starting at the base', () => {
    const mid = () => 0.5; // jitter factor 1.0
    expect([1, 2, 3, 4].map((n) => jitteredBackoff(n, 500, mid))).toEqual([500, 1000, 2000, 4000]);
    expect(jitteredBackoff(0, 500, mid)).toBe(500);
  });
  it('spreads between half and one and a half times the step', () => {
    expect(jitteredBackoff(3, 100, () => 0)).toBe(200);
    expect(jitteredBackoff(3, 100, () => 0.999999)).toBe(600);
    for (let i = 0; i < 200; i++) {
      const wait = jitteredBackoff(2, 100);
      expect(wait).toBeGreaterThanOrEqual(100);
      expect(wait).toBeLessThanOrEqual(300);
    }
  });
});

describe('syncJobOptions', () => {
  it('sets attempts, the jitter backoff and retention explicitly', () => {
    const options = syncJobOptions(8);
    expect(options).toMatchObject({ attempts: 8, backoff: { type: 'jitter' } });
    expect(options.removeOnComplete).toBeDefined();
    expect(options.removeOnFail).toBeDefined();
  });
});
