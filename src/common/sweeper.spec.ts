import { Logger } from '@nestjs/common';
import { Sweeper } from './sweeper';

class FlakySweeper extends Sweeper {
  failing = false;
  constructor() {
    super(1000, 'Flaky');
  }
  protected sweepStale(): Promise<number> {
    return this.failing ? Promise.reject(new Error('database is down')) : Promise.resolve(3);
  }
}

describe('Sweeper', () => {
  it('answers what the sweep put back, and 0 with a warning when the sweep fails', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const sweeper = new FlakySweeper();
    expect(await sweeper.sweep()).toBe(3);
    sweeper.failing = true;
    expect(await sweeper.sweep()).toBe(0);
    expect(warn).toHaveBeenCalledWith('Flaky sweep failed: database is down');
    warn.mockRestore();
  });
});
