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
  const regex = all.find(
    (l) => (l.modifier === '~' || l.modifier === '~*') && new RegExp(l.pattern, l.modifier === '~*' ? 'i' : '').test(uri),
  );
  return regex ?? prefix;
}

/** The top-level `server` blocks, each with its own text. */
function servers(config: string): string[] {
  const out: string[] = [];
  const start = /^server\s*\{/gm;
  for (let match = start.exec(config); match; match = start.exec(config)) {
    let depth = 1;
    let i = start.lastIndex;
    while (depth > 0 && i < config.length) {
      if (config[i] === '{') depth += 1;
      if (config[i] === '}') depth -= 1;
      i += 1;
    }
    out.push(config.slice(start.lastIndex, i - 1));
  }
  return out;
}

describe('the bundled reverse proxy (deploy/nginx.conf)', () => {
  const template = readFileSync(join(__dirname, '../../deploy/nginx.conf'), 'utf8').replace(/#.*$/gm, '');
  const compose = readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8');
  const all = servers(template);
  const https = all.find((s) => /\blisten\s+443\s+ssl\s*;/.test(s))!;
  const http = all.find((s) => /\blisten\s+80\s*;/.test(s))!;

  it('terminates TLS with the certificate and key paths the deployment configures', () => {
    expect(all).toHaveLength(2);
    expect(https).toBeDefined();
    expect(https).toMatch(/\bssl_certificate\s+\$\{TLS_CERTIFICATE\};/);
    expect(https).toMatch(/\bssl_certificate_key\s+\$\{TLS_CERTIFICATE_KEY\};/);
    expect(https).toMatch(/\bssl_protocols\s+TLSv1\.2 TLSv1\.3;/);
    // docker-compose.yml mounts the file as a template of the nginx image and sets both paths.
    expect(compose).toContain('./deploy/nginx.conf:/etc/nginx/templates/default.conf.template:ro');
    expect(compose).toMatch(/TLS_CERTIFICATE: \/etc\/nginx\/tls\//);
    expect(compose).toMatch(/TLS_CERTIFICATE_KEY: \/etc\/nginx\/tls\//);
    expect(compose).toMatch(/\$\{TLS_DIR:\?[^}]+\}:\/etc\/nginx\/tls:ro/);
    expect(compose).toContain('"${HTTPS_PORT:-443}:443"');
    // The image's envsubst fills in only the two placeholders: nginx's own variables never use braces.
    expect([...template.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1]).sort()).toEqual(['TLS_CERTIFICATE', 'TLS_CERTIFICATE_KEY']);
  });

  it('redirects plain HTTP to HTTPS with path and query, keeping only the health check and ACME challenges', () => {
    for (const uri of ['/', '/01/08930000000019/10/LOT/21/ABC', '/api/v1/batches', '/metrics']) {
      expect([uri, locationFor(http, uri)?.body.trim()]).toEqual([uri, 'return 301 https://$host$request_uri;']);
    }
    expect(locationFor(http, '/proxy-health')?.body).toContain('return 200');
    expect(locationFor(http, '/.well-known/acme-challenge/token')?.body).toContain('root /var/www/acme;');
    expect(http).not.toContain('proxy_pass');
  });

  it('does not serve /metrics to the public, with or without a trailing slash', () => {
    for (const uri of ['/metrics', '/metrics/']) {
      const location = locationFor(https, uri);
      expect(location).toBeDefined();
      expect([uri, /\bdeny\s+all\s*;/.test(location!.body) || /\breturn\s+40[34]\b/.test(location!.body)]).toEqual([uri, true]);
      expect([uri, /\ballow\s+all\b/.test(location!.body)]).toEqual([uri, false]);
    }
  });

  it('still forwards the API, the scans, the resolver description and the health check over HTTPS', () => {
    for (const uri of ['/api/v1/batches', '/01/08930000000019/10/LOT/21/ABC', '/t/ABC', '/.well-known/gs1resolver', '/health']) {
      expect([uri, locationFor(https, uri)?.body]).toEqual([uri, expect.stringContaining('proxy_pass $api;')]);
    }
  });
});
