import { PeriodicTask } from './periodic-task';

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs every period, skips ticks while a run is under way, and stops', async () => {
    let runs = 0;
    let finish: () => void = () => undefined;
    const task = new PeriodicTask(100, () => {
      runs++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    task.start();
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(300); // the first run is still going
    expect(runs).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
    finish();
    task.stop();
    await jest.advanceTimersByTimeAsync(1000);
    expect(runs).toBe(2);
  });

  it('goes on after a run that fails', async () => {
    let runs = 0;
    const task = new PeriodicTask(100, () => {
      runs++;
      return Promise.reject(new Error('database down'));
    });
    task.start();
    await jest.advanceTimersByTimeAsync(350);
    task.stop();
    expect(runs).toBe(3);
  });
});
