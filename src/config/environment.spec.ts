import { ConfigurationError, DEVELOPMENT_DEFAULTS, environmentAtLoad, loadEnvironment, MOCK_MARKETPLACE_DEFAULTS } from './environment';
import { PRODUCTION_VALUES } from '../../test/support/production-values';

const load = (env: Record<string, string>) => () => loadEnvironment(env);

function messageOf(env: Record<string, string>): string {
  try {
    loadEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('loadEnvironment accepted the environment');
}

describe('loadEnvironment', () => {
  it('gives working defaults for a laptop', () => {
    const env = loadEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, ROLE: 'all', DATABASE_URL: './data/nongsan.sqlite', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(env.databaseKind).toBe('sqlite');
  });

  it('reads numbers and URLs from strings', () => {
    const env = loadEnvironment({ PORT: '8080', DATABASE_URL: 'postgres://u@db:5432/nongsan', LOGIN_MAX_FAILURES: '3' });
    expect(env.PORT).toBe(8080);
    expect(env.LOGIN_MAX_FAILURES).toBe(3);
    expect(env.databaseKind).toBe('postgres');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://root@localhost/nongsan'],
    ['DATABASE_URL', 'postgres://'],
    ['DATABASE_URL', 'has space.sqlite'],
    ['REDIS_URL', 'localhost:6379'],
    ['ROLE', 'web'],
    ['JWT_SECRET', 'short'],
    ['ADMIN_PHONE', '12345'],
    ['PUBLIC_BASE_URL', 'nongsan.vn'],
  ])('refuses %s=%j with one line naming the variable', (name, value) => {
    const message = messageOf({ [name]: value });
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${name}: `));
    expect(message).not.toContain('\n');
  });

  it.each([
    ['PORT', 'abc', 'PORT must be an integer'],
    ['LABEL_JOB_LOCK_SECONDS', 'soon', 'LABEL_JOB_LOCK_SECONDS must be an integer'],
    ['LABEL_OVERRUN_TOLERANCE', 'five percent', 'LABEL_OVERRUN_TOLERANCE must be a number such as 0.05'],
    ['PORT', '70000', 'PORT must not be greater than 65535'],
    ['JWT_SECRET', 'short', 'JWT_SECRET must be at least 32 characters'],
    ['PUBLIC_BASE_URL', 'nongsan.vn', 'PUBLIC_BASE_URL must be an http(s) URL'],
  ])('refuses %s=%j for what is wrong with it', (name, value, reason) => {
    expect(messageOf({ [name]: value })).toBe(`Invalid configuration: ${name}: ${reason}`);
  });

  it('treats an empty variable as unset', () => {
    expect(loadEnvironment({ PORT: '' }).PORT).toBe(3000);
  });

  it('refuses the development JWT secret and admin password in production', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'a-real-password-1' };
    expect(load(production)).not.toThrow(/JWT_SECRET|ADMIN_PASSWORD/);
    expect(messageOf({ ...production, JWT_SECRET: DEVELOPMENT_DEFAULTS.JWT_SECRET })).toMatch(/^Invalid configuration: JWT_SECRET: /);
    expect(messageOf({ ...production, ADMIN_PASSWORD: DEVELOPMENT_DEFAULTS.ADMIN_PASSWORD })).toMatch(
      /^Invalid configuration: ADMIN_PASSWORD: /,
    );
    expect(messageOf({ NODE_ENV: 'production' })).toMatch(/^Invalid configuration: (JWT_SECRET|ADMIN_PASSWORD): /);
  });

  it('accepts the development defaults outside production', () => {
    expect(load({ NODE_ENV: 'development' })).not.toThrow();
    expect(load({ NODE_ENV: 'test' })).not.toThrow();
  });

  describe('development defaults that follow each other', () => {
    it('points the adapters at the mocks on :4010 and the mocks at the service on :3000 by default', () => {
      const env = loadEnvironment({});
      expect(env.SHOPEE_BASE_URL).toBe('http://127.0.0.1:4010/shopee');
      expect(env.LAZADA_BASE_URL).toBe('http://127.0.0.1:4010/lazada/rest');
      expect(env.TIKI_BASE_URL).toBe('http://127.0.0.1:4010/tiki');
      expect(env.MOCK_WEBHOOK_BASE_URL).toBe('http://127.0.0.1:3000');
    });

    it("moves the adapters' base URLs with MOCK_MARKETPLACES_PORT", () => {
      const env = loadEnvironment({ MOCK_MARKETPLACES_PORT: '4999' });
      expect(env.SHOPEE_BASE_URL).toBe('http://127.0.0.1:4999/shopee');
      expect(env.LAZADA_BASE_URL).toBe('http://127.0.0.1:4999/lazada/rest');
      expect(env.TIKI_BASE_URL).toBe('http://127.0.0.1:4999/tiki');
    });

    it("moves the mocks' webhook target with PORT", () => {
      expect(loadEnvironment({ PORT: '8080' }).MOCK_WEBHOOK_BASE_URL).toBe('http://127.0.0.1:8080');
    });

    it('sends the webhooks to the address the service listens on when HOST names one', () => {
      expect(loadEnvironment({ PORT: '8080', HOST: '10.0.0.5' }).MOCK_WEBHOOK_BASE_URL).toBe('http://10.0.0.5:8080');
      expect(loadEnvironment({ PORT: '8080', HOST: '::' }).MOCK_WEBHOOK_BASE_URL).toBe('http://127.0.0.1:8080');
    });

    it("keeps the standalone mocks' port 4010 when the embedded mocks are off", () => {
      expect(loadEnvironment({ MOCK_MARKETPLACES_PORT: '0' }).SHOPEE_BASE_URL).toBe('http://127.0.0.1:4010/shopee');
    });

    it('lets an explicit value win over the derived default', () => {
      const env = loadEnvironment({
        PORT: '8080',
        MOCK_MARKETPLACES_PORT: '4999',
        SHOPEE_BASE_URL: 'http://mocks.internal:7000/shopee',
        LAZADA_BASE_URL: 'http://mocks.internal:7000/lazada/rest',
        TIKI_BASE_URL: 'http://mocks.internal:7000/tiki',
        MOCK_WEBHOOK_BASE_URL: 'http://api.internal:9000',
      });
      expect(env.SHOPEE_BASE_URL).toBe('http://mocks.internal:7000/shopee');
      expect(env.LAZADA_BASE_URL).toBe('http://mocks.internal:7000/lazada/rest');
      expect(env.TIKI_BASE_URL).toBe('http://mocks.internal:7000/tiki');
      expect(env.MOCK_WEBHOOK_BASE_URL).toBe('http://api.internal:9000');
    });
  });

  describe('production refuses anything fake or local', () => {
    const PRODUCTION = PRODUCTION_VALUES;
    const without = (name: string): Record<string, string> => {
      const env = { ...PRODUCTION };
      delete env[name];
      return env;
    };
    const refusal = (name: string) => new RegExp(`^Invalid configuration: ${name}: [^\\n]*NODE_ENV=production`);

    it('starts with real values', () => {
      const env = loadEnvironment(PRODUCTION);
      expect(env.SHOPEE_BASE_URL).toBe('https://partner.shopeemobile.com');
      expect(env.PUBLIC_BASE_URL).toBe('https://truyxuat.htxthanhha.vn');
    });

    it('keeps PUBLIC_BASE_URL without trailing slashes, so addresses append a path to it as is', () => {
      expect(loadEnvironment({ ...PRODUCTION, PUBLIC_BASE_URL: 'https://truyxuat.htxthanhha.vn//' }).PUBLIC_BASE_URL).toBe(
        'https://truyxuat.htxthanhha.vn',
      );
    });

    it('refuses to start without a DATA_ENCRYPTION_KEY of its own', () => {
      expect(messageOf(without('DATA_ENCRYPTION_KEY'))).toMatch(refusal('DATA_ENCRYPTION_KEY'));
    });

    it.each(Object.keys(MOCK_MARKETPLACE_DEFAULTS))('refuses %s left at its mock default', (name) => {
      expect(messageOf(without(name))).toMatch(refusal(name));
      const mockValue = MOCK_MARKETPLACE_DEFAULTS[name as keyof typeof MOCK_MARKETPLACE_DEFAULTS];
      expect(messageOf({ ...PRODUCTION, [name]: mockValue })).toMatch(refusal(name));
    });

    it('covers every marketplace key and secret', () => {
      expect(Object.keys(MOCK_MARKETPLACE_DEFAULTS).sort()).toEqual(
        [
          'LAZADA_ACCESS_TOKEN',
          'LAZADA_APP_KEY',
          'LAZADA_APP_SECRET',
          'SHOPEE_ACCESS_TOKEN',
          'SHOPEE_PARTNER_ID',
          'SHOPEE_PARTNER_KEY',
          'SHOPEE_SHOP_ID',
          'TIKI_CLIENT_ID',
          'TIKI_CLIENT_SECRET',
        ].sort(),
      );
    });

    it.each(['SHOPEE_BASE_URL', 'LAZADA_BASE_URL', 'TIKI_BASE_URL'])('refuses %s left unset (the mocks)', (name) => {
      expect(messageOf(without(name))).toMatch(refusal(name));
    });

    it.each([
      ['SHOPEE_BASE_URL', 'http://127.0.0.1:4010/shopee'],
      ['SHOPEE_BASE_URL', 'http://localhost:4999/shopee'],
      ['SHOPEE_BASE_URL', 'http://127.0.0.2/shopee'],
      ['LAZADA_BASE_URL', 'http://[::1]:4010/lazada/rest'],
      ['LAZADA_BASE_URL', 'http://[::ffff:127.0.0.1]/lazada/rest'],
      ['LAZADA_BASE_URL', 'http://0.0.0.0:4010/lazada/rest'],
      ['TIKI_BASE_URL', 'http://mocks.localhost/tiki'],
      ['TIKI_BASE_URL', 'http://LocalHost:8080/tiki'],
      ['TIKI_BASE_URL', 'http://mock-marketplaces:4010/tiki'],
    ])('refuses %s=%s (points at the mocks)', (name, value) => {
      const message = messageOf({ ...PRODUCTION, [name]: value });
      expect(message).toMatch(refusal(name));
      expect(message).not.toContain('\n');
    });

    it('refuses a base URL on the port the embedded mocks were moved to', () => {
      expect(messageOf({ ...PRODUCTION, MOCK_MARKETPLACES_PORT: '4999', TIKI_BASE_URL: 'http://mocks.internal:4999/tiki' })).toMatch(
        refusal('TIKI_BASE_URL'),
      );
    });

    it.each([
      [undefined],
      ['http://localhost:3000'],
      ['https://localhost'],
      ['https://127.0.0.1'],
      ['http://127.0.0.53:3000'],
      ['http://[::1]:3000'],
      ['http://0.0.0.0:3000'],
      ['https://truyxuat.localhost'],
    ])('refuses PUBLIC_BASE_URL=%s (it is printed into every QR code)', (value) => {
      const env = value === undefined ? without('PUBLIC_BASE_URL') : { ...PRODUCTION, PUBLIC_BASE_URL: value };
      const message = messageOf(env);
      expect(message).toMatch(refusal('PUBLIC_BASE_URL'));
      expect(message).not.toContain('\n');
    });

    it('refuses a public but plain-HTTP PUBLIC_BASE_URL unless ALLOW_HTTP_PUBLIC_BASE_URL=true says so', () => {
      const http = { ...PRODUCTION, PUBLIC_BASE_URL: 'http://truyxuat.htxthanhha.vn' };
      const message = messageOf(http);
      expect(message).toMatch(refusal('PUBLIC_BASE_URL'));
      expect(message).toContain('ALLOW_HTTP_PUBLIC_BASE_URL=true');
      expect(message).not.toContain('\n');
      expect(loadEnvironment({ ...http, ALLOW_HTTP_PUBLIC_BASE_URL: 'true' }).PUBLIC_BASE_URL).toBe('http://truyxuat.htxthanhha.vn');
      expect(messageOf({ ...http, ALLOW_HTTP_PUBLIC_BASE_URL: 'yes' })).toMatch(/^Invalid configuration: ALLOW_HTTP_PUBLIC_BASE_URL: /);
      // Outside production the rule does not apply: development runs on http://localhost.
      expect(load({ NODE_ENV: 'development', PUBLIC_BASE_URL: 'http://truyxuat.htxthanhha.vn' })).not.toThrow();
    });

    it('accepts the mocks and a localhost PUBLIC_BASE_URL outside production', () => {
      expect(load({ NODE_ENV: 'development', PUBLIC_BASE_URL: 'http://localhost:3000' })).not.toThrow();
      expect(load({ NODE_ENV: 'test', SHOPEE_BASE_URL: 'http://127.0.0.1:4999/shopee' })).not.toThrow();
    });
  });
});

describe('environmentAtLoad', () => {
  it('reads its values as loadEnvironment does', () => {
    expect(environmentAtLoad({})).toEqual({ DATABASE_URL: './data/nongsan.sqlite', databaseKind: 'sqlite', LABEL_JOB_LOCK_SECONDS: 30 });
    expect(environmentAtLoad({ DATABASE_URL: 'postgres://u@db/nongsan', LABEL_JOB_LOCK_SECONDS: ' 45 ', PORT: 'ignored' })).toEqual({
      DATABASE_URL: 'postgres://u@db/nongsan',
      databaseKind: 'postgres',
      LABEL_JOB_LOCK_SECONDS: 45,
    });
  });

  it.each([
    ['LABEL_JOB_LOCK_SECONDS', 'soon'],
    ['LABEL_JOB_LOCK_SECONDS', '1'],
    ['DATABASE_URL', 'mysql://u@db/nongsan'],
  ])('refuses %s=%s with the message loadEnvironment gives, instead of using the default', (name, value) => {
    expect(() => environmentAtLoad({ [name]: value })).toThrow(new ConfigurationError(messageOf({ [name]: value })));
  });
});
