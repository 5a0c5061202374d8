import { InvalidInputError } from '../errors/domain-errors';
import { decodeCursor, encodeCursor } from './pagination';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID = '4f5a7b1e-9c1d-4e2f-8a3b-1c2d3e4f5a6b';

describe('cursor', () => {
  it('round-trips a position', () => {
    const createdAt = new Date('2026-06-10T01:02:03.456Z');
    expect(decodeCursor(encodeCursor({ createdAt, id: ID }))).toEqual({ createdAt: createdAt.toISOString(), id: ID });
  });

  it.each([
    ['not base64 json', 'zzzz'],
    ['an id that is not a UUID', b64(['2026-01-01T00:00:00.000Z', "x' OR 1=1"])],
    ['a date out of range', b64(['-200000-01-01T00:00:00.000Z', ID])],
    ['a date in another format', b64(['1', ID])],
    ['extra elements', b64(['2026-01-01T00:00:00.000Z', ID, 'more'])],
    ['an object', b64({ createdAt: '2026-01-01T00:00:00.000Z', id: ID })],
  ])('refuses %s', (_label, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(InvalidInputError);
  });
});
