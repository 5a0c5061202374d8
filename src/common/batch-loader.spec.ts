import { BatchLoader } from './batch-loader';

describe('BatchLoader', () => {
  it('reads the keys asked for together in one call, each key once, and answers absent keys with null', async () => {
    const readMany = jest.fn((keys: string[]) => Promise.resolve(new Map(keys.filter((k) => k !== 'missing').map((k) => [k, k.toUpperCase()]))));
    const loader = new BatchLoader(readMany);

    const answers = await Promise.all([loader.load('a'), loader.load('b'), loader.load('a'), loader.load('missing')]);

    expect(answers).toEqual(['A', 'B', 'A', null]);
    expect(readMany).toHaveBeenCalledTimes(1);
    expect(readMany).toHaveBeenCalledWith(['a', 'b', 'missing']);
  });

  it('splits a round larger than the batch limit into several calls', async () => {
    const readMany = jest.fn((keys: number[]) => Promise.resolve(new Map(keys.map((k) => [k, k * 2]))));
    const loader = new BatchLoader(readMany, 2);

    expect(await Promise.all([1, 2, 3, 4, 5].map((k) => loader.load(k)))).toEqual([2, 4, 6, 8, 10]);
    expect(readMany.mock.calls).toEqual([[[1, 2]], [[3, 4]], [[5]]]);
  });

  it('rejects every caller of a failed round, and reads again on the next', async () => {
    const readMany = jest
      .fn<Promise<Map<string, number>>, [string[]]>()
      .mockRejectedValueOnce(new Error('connection refused'))
      .mockResolvedValueOnce(new Map([['a', 1]]));
    const loader = new BatchLoader(readMany);

    const failed = await Promise.allSettled([loader.load('a'), loader.load('b')]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await loader.load('a')).toBe(1);
    expect(readMany).toHaveBeenCalledTimes(2);
  });

  it('starts a new round for keys asked for after a round was sent', async () => {
    const readMany = jest.fn((keys: string[]) => Promise.resolve(new Map(keys.map((k) => [k, k]))));
    const loader = new BatchLoader(readMany);

    await loader.load('a');
    await loader.load('b');

    expect(readMany.mock.calls).toEqual([[['a']], [['b']]]);
  });
});
