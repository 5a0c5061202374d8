import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Location {
  modifier: '=' | '^~' | '~' | '~*' | '';
  pattern: string;
  body: string;
}

/** The `location` blocks of the bundled proxy's server, in file order (no nested locations are used). */
function locations(config: string): Location[] {
  const out: Location[] = [];
  const start = /location\s+(=|\^~|~\*|~)?\s*(\S+)\s*\{/g;
  for (let match = start.exec(config); match; match = start.exec(config)) {
    let depth = 1;
    let i = start.lastIndex;
    while (depth > 0 && i < config.length) {
      if (config[i] === '{') depth += 1;
      if (config[i] === '}') depth -= 1;
      i += 1;
    }
    out.push({ modifier: (match[1] ?? '') as Location['modifier'], pattern: match[2], body: config.slice(start.lastIndex, i - 1) });
  }
  return out;
}

/** nginx's choice (http://nginx.org/en/docs/http/ngx_http_core_module.html#location): exact, then ^~ prefix, then regexes in order, then the longest prefix. */
function locationFor(config: string, uri: string): Location | undefined {
  const all = locations(config);
  const exact = all.find((l) => l.modifier === '=' && l.pattern === uri);
  if (exact) return exact;
  const prefix = all
    .filter((l) => (l.modifier === '' || l.modifier === '^~') && uri.startsWith(l.pattern))
    .sort((a, b) => b.pattern.length - a.pattern.length)[0];
  if (prefix?.modifier === '^~') return prefix;
  const regex = all.find((l) => (l.modifier === '~' || l.modifier === '~*') && new RegExp(l.pattern, l.modifier === '~*' ? 'i' : '').test(uri));
  return regex ?? prefix;
}

describe('the bundled reverse proxy (deploy/nginx.conf)', () => {
  const config = readFileSync(join(__dirname, '../../deploy/nginx.conf'), 'utf8').replace(/#.*$/gm, '');

  it('does not serve /metrics to the public, with or without a trailing slash', () => {
    for (const uri of ['/metrics', '/metrics/']) {
      const location = locationFor(config, uri);
      expect(location).toBeDefined();
      expect([uri, /\bdeny\s+all\s*;/.test(location!.body) || /\breturn\s+40[34]\b/.test(location!.body)]).toEqual([uri, true]);
      expect([uri, /\ballow\s+all\b/.test(location!.body)]).toEqual([uri, false]);
    }
  });

  it('still forwards the API, the scans and the health check', () => {
    for (const uri of ['/api/v1/batches', '/01/08930000000019/10/LOT/21/ABC', '/t/ABC', '/health']) {
      expect([uri, locationFor(config, uri)?.body]).toEqual([uri, expect.stringContaining('proxy_pass $api;')]);
    }
  });
});
