import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { InvalidInputError } from '../errors/domain-errors';
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

  it('names each bad field and calls an unknown field unknown', async () => {
    const error = await rejection({ name: 'toolong', extra: 1 });
    expect(error.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: expect.stringContaining('name') },
        { field: 'extra', message: 'unknown field' },
      ]),
    );
  });

  it('gives one entry per bad field, with its most basic reason only', async () => {
    const error = await rejection({ name: 123 });
    expect(error.errors).toEqual([{ field: 'name', message: 'name must be a string' }]);
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
    expect((error as InvalidInputError).errors).toEqual([
      { field: 'count', message: 'count must be an integer number' },
      { field: 'tags', message: 'tags must be an array' },
      { field: 'code', message: 'code must be shorter than or equal to 4 characters' },
    ]);
  });

  it('refuses NUL characters in values and keys, naming the field', async () => {
    expect((await rejection({ name: 'a\u0000b' })).errors).toEqual([{ field: 'name', message: 'must not contain NUL characters' }]);
    expect(findNulCharacters({ a: [{ b: 'x\u0000' }] })).toEqual([{ field: 'a.0.b', message: 'must not contain NUL characters' }]);
    expect(findNulCharacters({ ['k\u0000']: 'v' })).toHaveLength(1);
    expect(findNulCharacters({ a: 'ok', b: 1, c: null, d: ['x'] })).toEqual([]);
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
