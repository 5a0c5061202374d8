import { InvalidInputError, PreconditionFailedError } from '../errors/domain-errors';
import { assertIfMatch, etagOf, parseIfMatch } from './record-version';

describe('record versions', () => {
  it('writes a version as a strong ETag and reads it back', () => {
    expect(etagOf(7)).toBe('"7"');
    expect(parseIfMatch('"7"')).toEqual([7]);
    expect(parseIfMatch('"6", W/"7"')).toEqual([6, 7]);
    expect(parseIfMatch(undefined)).toBeNull();
    expect(parseIfMatch('*')).toBeNull();
  });

  it('refuses an If-Match that is not an ETag', () => {
    expect(() => parseIfMatch('7')).toThrow(InvalidInputError);
    expect(() => parseIfMatch('"abc"')).toThrow(InvalidInputError);
  });

  it('lets an edit of the current version through and stops a stale one with 412 and the current record', () => {
    expect(() => assertIfMatch('"3"', 3)).not.toThrow();
    expect(() => assertIfMatch(undefined, 3)).not.toThrow();
    let error: unknown;
    try {
      assertIfMatch('"2"', 3, { name: 'now' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error).toMatchObject({ status: 412, headers: { ETag: '"3"' }, extra: { currentVersion: 3, current: { name: 'now' } } });
  });
});
