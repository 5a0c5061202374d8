import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { InvalidInputError } from '../errors/domain-errors';
import { Locale } from '../i18n/locale';
import { translate } from '../i18n/message';
import { createValidationPipe, findNulCharacters, normalizeText } from './validation';

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

  it('never gives a field reasons that contradict each other, whatever the order of its decorators', async () => {
    class Ranges {
      @Min(1)
      @Max(10)
      @IsInt()
      count!: number;

      @IsArray()
      @ArrayMinSize(1)
      @ArrayMaxSize(3)
      @IsString({ each: true })
      tags!: string[];

      @MinLength(2)
      @MaxLength(4)
      code!: string;
    }
    const error = await pipe
      .transform({ count: 'abc', tags: 'x', code: 'abcdef' }, { type: 'body', metatype: Ranges })
      .catch((e: InvalidInputError) => e);
    expect(read(error as InvalidInputError)).toEqual([
      { field: 'count', message: expect.stringMatching(/integer/) },
      { field: 'tags', message: expect.stringMatching(/array|list/) },
      { field: 'code', message: expect.stringMatching(/4/) },
    ]);
  });

  it('refuses NUL characters in values and keys, naming the field', async () => {
    expect(read(await rejection({ name: 'a\u0000b' }))).toEqual([{ field: 'name', message: 'must not contain NUL characters' }]);
    expect(findNulCharacters({ a: [{ b: 'x\u0000' }] }).map((e) => ({ ...e, message: translate(e.message, 'en') }))).toEqual([
      { field: 'a.0.b', message: 'must not contain NUL characters' },
    ]);
    expect(findNulCharacters({ ['k\u0000']: 'v' })).toHaveLength(1);
    expect(findNulCharacters({ a: 'ok', b: 1, c: null, d: ['x'] })).toEqual([]);
  });

  it('leaves an uploaded file (a Buffer body) to its handler instead of walking it byte by byte', () => {
    // A 10,000-row CSV is ~800,000 bytes: enumerating them cost the import a fifth of its time.
    const entries = jest.spyOn(Object, 'entries');
    try {
      const upload = Buffer.from('headName,phone\nNguyễn Văn An,0912345678\n');
      expect(findNulCharacters(upload)).toEqual([]);
      expect(normalizeText(upload)).toBe(upload);
      expect(entries).not.toHaveBeenCalledWith(upload);
    } finally {
      entries.mockRestore();
    }
  });

  it('refuses a lone surrogate, which is no text and made the e-mail check throw (a 500)', async () => {
    class ContactDto {
      @IsEmail()
      email!: string;
    }
    const rejected = await pipe.transform({ email: 'a\ud800@b.vn' }, { type: 'body', metatype: ContactDto }).catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(InvalidInputError);
    expect(read(rejected as InvalidInputError)).toEqual([{ field: 'email', message: 'is not valid Unicode text' }]);
  });
});

describe('normalizeText', () => {
  it('turns every string of a body into NFC, however deep, and leaves the rest alone', () => {
    const nfd = 'Nguyễn Văn Hùng'.normalize('NFD');
    const buffer = Buffer.from('a,b');
    const out = normalizeText({ name: nfd, n: 3, list: [nfd, null], nested: { deeper: { text: nfd } }, file: buffer }) as Record<
      string,
      unknown
    >;
    expect(out).toEqual({
      name: 'Nguyễn Văn Hùng'.normalize('NFC'),
      n: 3,
      list: ['Nguyễn Văn Hùng'.normalize('NFC'), null],
      nested: { deeper: { text: 'Nguyễn Văn Hùng'.normalize('NFC') } },
      file: buffer,
    });
    expect(out.file).toBe(buffer);
    expect(normalizeText(nfd)).toBe('Nguyễn Văn Hùng'.normalize('NFC'));
  });

  it('reads the null-prototype records a query-string parser makes', () => {
    function Empty(): void {}
    Empty.prototype = Object.create(null) as object;
    const query = Object.assign(new (Empty as unknown as new () => object)(), { q: 'Ánh'.normalize('NFD') });
    expect(normalizeText(query)).toEqual({ q: 'Ánh'.normalize('NFC') });
  });

  it('keeps a "__proto__" key an ordinary property', () => {
    const out = normalizeText(JSON.parse('{"__proto__": {"polluted": "yes"}}')) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
