import type { ScanConfig } from '../config/sections';
import type { ChangeNotices } from '../redis/change-notices';
import { TraceCache } from './trace-cache.service';
import type { LabelViewRow, TraceReadModel } from './trace.repository';

const row = (serial: string, over: Partial<LabelViewRow> = {}): LabelViewRow => ({
  serial,
  batch_id: 'batch-1',
  status: 'active',
  void_reason: null,
  voided_at: null,
  scan_count: '3',
  first_scanned_at: null,
  last_cleared_at: null,
  ...over,
});

function cacheWith(loadLabelViews: jest.Mock) {
  const records = { loadLabelViews } as unknown as TraceReadModel;
  const notices = { subscribe: () => () => undefined } as unknown as ChangeNotices;
  return new TraceCache(records, notices, { TRACE_CACHE_SECONDS: 30 } as ScanConfig);
}

describe('TraceCache labels', () => {
  it('reads the labels missed together in one query, and serves them from memory afterwards', async () => {
    const loadLabelViews = jest.fn((serials: string[]) => Promise.resolve(new Map(serials.filter((s) => s !== 'X9').map((s) => [s, row(s)]))));
    const cache = cacheWith(loadLabelViews);

    const [a, b, again, unknown] = await Promise.all([cache.label('A1'), cache.label('B2'), cache.label('A1'), cache.label('X9')]);

    expect(loadLabelViews).toHaveBeenCalledTimes(1);
    expect(loadLabelViews).toHaveBeenCalledWith(['A1', 'B2', 'X9']);
    expect(a).toMatchObject({ serial: 'A1', batchId: 'batch-1', status: 'active', storedScans: 3, localScans: 0, clearedAt: 0 });
    expect(b?.serial).toBe('B2');
    expect(again).toBe(a);
    expect(unknown).toBeNull();
    expect(await cache.label('A1')).toBe(a);
    expect(loadLabelViews).toHaveBeenCalledTimes(1);
  });

  it('reads a label again once TRACE_CACHE_SECONDS have passed', async () => {
    const loadLabelViews = jest.fn((serials: string[]) => Promise.resolve(new Map(serials.map((s) => [s, row(s)]))));
    const cache = cacheWith(loadLabelViews);
    await cache.label('A1');

    await cache.label('A1', Date.now() + 31_000);

    expect(loadLabelViews).toHaveBeenCalledTimes(2);
  });

  it('does not keep a row read before a change notice arrived', async () => {
    let answer!: (rows: Map<string, LabelViewRow>) => void;
    const loadLabelViews = jest
      .fn()
      .mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)))
      .mockImplementation((serials: string[]) => Promise.resolve(new Map(serials.map((s) => [s, row(s, { status: 'voided' })]))));
    const cache = cacheWith(loadLabelViews);

    const stale = cache.label('A1');
    await new Promise((resolve) => setImmediate(resolve));
    cache.invalidate({ kind: 'labels', serials: ['A1'] });
    answer(new Map([['A1', row('A1')]]));
    expect((await stale)?.status).toBe('active');

    expect((await cache.label('A1'))?.status).toBe('voided');
  });

  it('passes a failed read on to every label of its round, and reads again on the next scan', async () => {
    const loadLabelViews = jest
      .fn()
      .mockRejectedValueOnce(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))
      .mockImplementation((serials: string[]) => Promise.resolve(new Map(serials.map((s) => [s, row(s)]))));
    const cache = cacheWith(loadLabelViews);

    const failed = await Promise.allSettled([cache.label('A1'), cache.label('B2')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);

    expect((await cache.label('A1'))?.serial).toBe('A1');
  });
});
