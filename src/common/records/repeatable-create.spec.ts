import { QueryFailedError } from 'typeorm';
import { ConflictError } from '../errors/domain-errors';
import { canonicalJson, createFingerprint, createOnce } from './repeatable-create';

describe('repeatable creates', () => {
  it('fingerprints bodies regardless of key order and undefined fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(createFingerprint({ a: 1, b: 2 })).toBe(createFingerprint({ b: 2, a: 1 }));
    expect(createFingerprint({ a: 1 })).not.toBe(createFingerprint({ a: 2 }));
  });

  function store() {
    const rows = new Map<string, { record: string; fingerprint: string }>();
    let creates = 0;
    return {
      rows,
      creates: () => creates,
      spec: (id: string | undefined, fingerprint: string) => ({
        id,
        fingerprint,
        find: (key: string) => Promise.resolve(rows.get(key) ?? null),
        create: () => {
          creates++;
          const key = id ?? `server-${creates}`;
          if (rows.has(key)) return Promise.reject(new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505' })));
          rows.set(key, { record: `record ${key}`, fingerprint });
          return Promise.resolve(`record ${key}`);
        },
      }),
    };
  }

  it('answers the same record when the same create comes again, and 409 for the same id with another body', async () => {
    const s = store();
    await expect(createOnce(s.spec('a', 'f1'))).resolves.toEqual({ record: 'record a', created: true });
    await expect(createOnce(s.spec('a', 'f1'))).resolves.toEqual({ record: 'record a', created: false });
    await expect(createOnce(s.spec('a', 'f2'))).rejects.toBeInstanceOf(ConflictError);
    expect(s.creates()).toBe(1);
  });

  it('answers the winner’s record to a twin create that lost the race on the unique key', async () => {
    const s = store();
    const spec = s.spec('b', 'f1');
    // The twin looked before the winner wrote: its find saw nothing, its insert hits the key.
    let looked = false;
    const racing = { ...spec, find: (key: string) => (looked ? spec.find(key) : ((looked = true), Promise.resolve(null))) };
    s.rows.set('b', { record: 'record b', fingerprint: 'f1' });
    await expect(createOnce(racing)).resolves.toEqual({ record: 'record b', created: false });
  });

  it('creates freely when the client gives no id', async () => {
    const s = store();
    await createOnce(s.spec(undefined, 'f'));
    await createOnce(s.spec(undefined, 'f'));
    expect(s.creates()).toBe(2);
  });
});
