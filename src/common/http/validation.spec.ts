import { IsOptional, IsString, MaxLength } from 'class-validator';
import { InvalidInputError } from '../errors/domain-errors';
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

  it('names each bad field and calls an unknown field unknown', async () => {
    const error = await rejection({ name: 'toolong', extra: 1 });
    expect(error.errors).toEqual(
      expect.arrayContaining([
        { field: 'name', message: expect.stringContaining('name') },
        { field: 'extra', message: 'unknown field' },
      ]),
    );
  });

  it('gives one entry per bad field, however many constraints it breaks', async () => {
    const error = await rejection({ name: 123 });
    expect(error.errors).toEqual([{ field: 'name', message: expect.stringMatching(/string.*;|;.*string/) }]);
  });

  it('refuses NUL characters in values and keys, naming the field', async () => {
    expect((await rejection({ name: 'a\u0000b' })).errors).toEqual([{ field: 'name', message: 'must not contain NUL characters' }]);
    expect(findNulCharacters({ a: [{ b: 'x\u0000' }] })).toEqual([{ field: 'a.0.b', message: 'must not contain NUL characters' }]);
    expect(findNulCharacters({ ['k\u0000']: 'v' })).toHaveLength(1);
    expect(findNulCharacters({ a: 'ok', b: 1, c: null, d: ['x'] })).toEqual([]);
  });
});
