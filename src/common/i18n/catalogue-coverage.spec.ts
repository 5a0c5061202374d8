import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { isMessageKey } from './message';

const SRC = join(__dirname, '..', '..');

/** Folders left out of the check (none: every module speaks through the catalogue). */
const CONVERTED_ELSEWHERE: string[] = [];

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const relativeOf = (path: string): string => relative(SRC, path).split(sep).join('/');
const checked = (path: string): boolean => !CONVERTED_ELSEWHERE.some((dir) => relativeOf(path).startsWith(dir));
const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** What a person reads must come from the catalogue, in their language; an English literal would reach them as is. */
describe('every message a person reads is in the catalogue', () => {
  const files = sourceFiles().filter(checked);

  it('DTO decorators with a custom message name a catalogue key', () => {
    const dtoFiles = sourceFiles().filter((path) => /(^|\/)dto\/[^/]+\.ts$/.test(relativeOf(path)) && checked(path));
    expect(dtoFiles.length).toBeGreaterThan(5);
    const wrong: { dto: string; field: string; message: unknown }[] = [];
    for (const path of dtoFiles) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest runs CommonJS here: no dynamic import()
      const exported = require(path) as Record<string, unknown>;
      for (const value of Object.values(exported)) {
        if (typeof value !== 'function') continue;
        // With what the class inherits (PageQuery's cursor, for one).
        for (const m of getMetadataStorage().getTargetValidationMetadatas(value, '', true, false)) {
          // ValidateNested always sets its own English default; the pipe reads the catalogue for it instead.
          if (m.message === undefined || isMessageKey(m.message) || m.type === 'nestedValidation') continue;
          wrong.push({
            dto: `${relativeOf(path)} ${value.name}`,
            field: m.propertyName,
            message: typeof m.message === 'function' ? '(a function)' : m.message,
          });
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no class-validator `message:` option in the source is a plain sentence', () => {
    const wrong: string[] = [];
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      if (!text.includes("from 'class-validator'") || relativeOf(path) === 'config/environment.ts') continue;
      for (const match of text.matchAll(/\bmessage:\s*(['"`])((?:(?!\1).)*)\1/g)) {
        if (!isMessageKey(match[2])) wrong.push(`${relativeOf(path)}:${lineOf(text, match.index)} ${match[0]}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('domain errors are never built from a string literal', () => {
    const patterns = [
      /new\s+(?:InvalidInput|Unauthorized|Forbidden|NotFound|Conflict|TooManyRequests|PreconditionFailed)Error\(\s*['"`]/g,
      /InvalidInputError\.field\(\s*(?:[^,()]|\([^()]*\))+,\s*['"`]/g,
    ];
    const wrong: string[] = [];
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      for (const pattern of patterns) {
        for (const match of text.matchAll(pattern)) wrong.push(`${relativeOf(path)}:${lineOf(text, match.index)} ${match[0].trim()}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('notices a plain sentence (the check itself works)', () => {
    const sample = "throw InvalidInputError.field('serial', 'must be short');\nthrow new ForbiddenError(\n  'No');";
    expect(sample.match(/InvalidInputError\.field\(\s*(?:[^,()]|\([^()]*\))+,\s*['"`]/g)).toHaveLength(1);
    expect(sample.match(/new\s+(?:Forbidden)Error\(\s*['"`]/g)).toHaveLength(1);
    expect(isMessageKey('must be short')).toBe(false);
    expect(isMessageKey('auth.wrongCredentials')).toBe(true);
  });
});
