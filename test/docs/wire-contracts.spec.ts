import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

const contractFiles = () => sourceFiles().filter((file) => file.endsWith('.contract.ts'));

/**
 * The wire contracts (src/<module>/*.contract.ts) type both the server's answers and the farm app. The
 * OpenAPI document at /docs describes them only because the Swagger plugin reads them at build time,
 * and the plugin documents classes, never interfaces: an answer declared as an interface silently drops
 * out of /docs-json.
 */
describe('wire contracts', () => {
  it('are read by the Swagger plugin at build time', () => {
    const cli = JSON.parse(readFileSync(join(ROOT, 'nest-cli.json'), 'utf8')) as {
      compilerOptions: { plugins: { name: string; options: { dtoFileNameSuffix: string[] } }[] };
    };
    const swagger = cli.compilerOptions.plugins.find((plugin) => plugin.name === '@nestjs/swagger');
    expect(swagger?.options.dtoFileNameSuffix).toContain('.contract.ts');
  });

  it('and the request classes in dto/ folders are all named *.dto.ts, which the plugin reads', () => {
    // A query class in registry/dto/registry-query.ts left `q` and `includeArchived` out of /docs-json.
    const misnamed = sourceFiles()
      .filter((file) => /[/\\]dto[/\\]/.test(file) && !file.endsWith('.dto.ts') && !file.endsWith('.spec.ts'))
      .map((file) => relative(ROOT, file));
    expect(misnamed).toEqual([]);
  });

  it('declare every answer as a class', () => {
    const files = contractFiles();
    expect(files.length).toBeGreaterThan(5);
    const interfaces = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^export interface (\w+)/gm)].map((m) => `${relative(ROOT, file)}: ${m[1]}`),
    );
    expect(interfaces).toEqual([]);
  });
});
