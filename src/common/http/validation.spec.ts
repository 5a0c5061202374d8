import { IsOptional, IsString, MaxLength } from 'class-validator';
import { InvalidInputError } from '../errors/domain-errors';
import { Locale } from '../i18n/locale';
import { translate } from '../i18n/message';
import { createValidationPipe, findNulCharacters } from './validation';

class SampleDto {
  @IsString()
  @MaxLength(5)
  name!: string;

  @IsOptional()
  @IsString()
  note?: string;
}

describe('validation pipe', () => {
  const pipe = createValidationPipe();
  const body = { type: 'body' as const, metatype: SampleDto };

  async function rejection(value: unknown): Promise<InvalidInputError> {
    try {
      await pipe.transform(value, body);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return error as InvalidInputError;
    }
    throw new Error('the pipe accepted the value');
  }

  it('accepts a valid body', async () => {
    await expect(pipe.transform({ name: 'abc' }, body)).resolves.toBeInstanceOf(SampleDto);
  });

  /** The field errors as a reader of `locale` gets them. */
  const read = (error: InvalidInputError, locale: Locale = 'en') =>
    (error.errors ?? []).map((e) => ({ field: e.field, message: translate(e.message, locale) }));

  it('names each bad field and calls an unknown field unknown', async () => {
    const error = await rejection({ name: 'toolong', extra: 1 });
    expect(read(error)).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'must be at most 5 characters long' },
        { field: 'extra', message: 'unknown field' },
      ]),
    );
    expect(read(error, 'vi')).toEqual(
      expect.arrayContaining([
        { field: 'name', message: 'không được dài quá 5 ký tự' },
        { field: 'extra', message: 'trường không được hỗ trợ' },
      ]),
    );
  });

  it('gives one entry per bad field with the one reason that applies, however many constraints it breaks', async () => {
    // A number is not "longer than 5": the reader is told only that it must be a string.
    expect(read(await rejection({ name: 123 }))).toEqual([{ field: 'name', message: 'must be a string' }]);
    expect(translate((await rejection({ name: 123 })).detail, 'vi')).toBe('name: phải là chuỗi ký tự');
  });

  it('refuses NUL characters in values and keys, naming the field', async () => {
    expect(read(await rejection({ name: 'a\u0000b' }))).toEqual([{ field: 'name', message: 'must not contain NUL characters' }]);
    expect(findNulCharacters({ a: [{ b: 'x\u0000' }] }).map((e) => ({ ...e, message: translate(e.message, 'en') }))).toEqual([
      { field: 'a.0.b', message: 'must not contain NUL characters' },
    ]);
    expect(findNulCharacters({ ['k\u0000']: 'v' })).toHaveLength(1);
    expect(findNulCharacters({ a: 'ok', b: 1, c: null, d: ['x'] })).toEqual([]);
  });
});
