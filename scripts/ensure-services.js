#!/usr/bin/env node
'use strict';
/**
 * Makes sure the PostgreSQL and Redis this project needs are answering.
 *
 *   node scripts/ensure-services.js postgres redis
 *
 * For each service asked for: reachable → fine. Not reachable, on this machine, and installed → start it
 * (the same commands the machine uses at boot) and wait until it answers. Otherwise exit 1 with one
 * message saying what to install or set. Prints one line when all is well.
 *
 * Where it looks:
 *   postgres  TEST_POSTGRES_URL, and DATABASE_URL when it is a postgres:// URL;
 *             postgres://postgres@127.0.0.1:5432/test when neither is set.
 *             Also checked when only "redis" is asked but DATABASE_URL is a postgres:// URL.
 *   redis     REDIS_URL (default redis://127.0.0.1:6379), and TEST_REDIS_URL when set.
 *
 * Plain Node on purpose: it runs before `nest build` (prestart) and before Jest (pretest).
 */
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const START_TIMEOUT_MS = Number(process.env.ENSURE_SERVICES_TIMEOUT_MS || 30_000);
const PROBE_TIMEOUT_MS = 2_000;
const KNOWN = ['postgres', 'redis'];

const INSTALL_HINT = {
  postgres:
    'install PostgreSQL (Debian/Ubuntu: `apt-get install -y postgresql`, then `pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`), ' +
    'or run `docker compose -f deploy/backing-services.yml up -d postgres` and set TEST_POSTGRES_URL=postgres://nongsan:nongsan@127.0.0.1:5432/nongsan, ' +
    'or point TEST_POSTGRES_URL / DATABASE_URL at a reachable server',
  redis:
    'install Redis (Debian/Ubuntu: `apt-get install -y redis-server`), or run `docker compose -f deploy/backing-services.yml up -d redis`, or point REDIS_URL at a reachable server',
};

class ServiceError extends Error {}

function isPostgresUrl(value) {
  return typeof value === 'string' && /^postgres(ql)?:\/\//.test(value);
}

/** postgres://user:secret@host/db → postgres://user:***@host/db, for messages. */
function redact(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function endpoint(url, defaultPort) {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  return { host, port: Number(parsed.port || defaultPort) };
}

function isLocal(host) {
  return ['127.0.0.1', 'localhost', '::1', '0.0.0.0', ''].includes(host) || host === os.hostname();
}

function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function optionalRequire(name) {
  try {
    return require(name);
  } catch {
    return null;
  }
}

/** TCP only: used when node_modules is not installed yet. */
function tcpProbe({ host, port }) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done({ up: false, reason: 'timed out' }));
    socket.once('connect', () => done({ up: true }));
    socket.once('error', (error) => done({ up: false, reason: error.code || error.message }));
  });
}

/** { up: true } | { up: false, reason } (not answering) | throws ServiceError (answering, but unusable). */
async function probePostgres(url) {
  const pg = optionalRequire('pg');
  if (!pg) return tcpProbe(endpoint(url, 5432));
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return { up: true };
  } catch (error) {
    // A server that answers with an SQLSTATE is running: starting it again would not help.
    if (error && typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code)) {
      throw new ServiceError(`PostgreSQL at ${redact(url)} answers but refuses the connection: ${error.message}`);
    }
    return { up: false, reason: (error && (error.code || error.message)) || String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis(url) {
  const Redis = optionalRequire('ioredis');
  if (!Redis) return tcpProbe(endpoint(url, 6379));
  const client = new (Redis.default || Redis)(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  let lastError = null;
  client.on('error', (error) => {
    lastError = error;
  });
  try {
    await client.connect();
    await client.ping();
    return { up: true };
  } catch (error) {
    const message = (error && error.message) || String(error);
    // A reply from the server (NOAUTH, WRONGPASS...) means Redis runs: starting it again would not help.
    if (error && error.name === 'ReplyError') {
      throw new ServiceError(`Redis at ${redact(url)} answers but refuses the connection: ${message}`);
    }
    return { up: false, reason: (lastError && (lastError.code || lastError.message)) || message };
  } finally {
    client.disconnect();
  }
}

function startPostgres() {
  const versions = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  const clusters = versions.filter((v) => fs.existsSync(path.join('/etc/postgresql', v, 'main')));
  if (!clusters.length)
    throw new ServiceError(
      'PostgreSQL is installed but has no cluster in /etc/postgresql/*/main; create one with `pg_createcluster 15 main`',
    );
  const failures = [];
  for (const version of clusters) {
    const result = spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { encoding: 'utf8' });
    // Exit 2 means "already running".
    if (result.status === 0 || result.status === 2) return `pg_ctlcluster ${version} main start`;
    failures.push(`${version}: ${(result.stderr || result.stdout || `exit ${result.status}`).trim()}`);
  }
  throw new ServiceError(`Could not start PostgreSQL: ${failures.join('; ')}`);
}

function startRedis(port) {
  // The machine's own start command keeps nothing on disk; /var/lib/redis only when we may write there.
  let dir = '/var/lib/redis';
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch {
    dir = os.tmpdir();
  }
  let logfile = '/var/log/redis/ci.log';
  try {
    fs.accessSync(path.dirname(logfile), fs.constants.W_OK);
  } catch {
    logfile = path.join(os.tmpdir(), 'redis-ci.log');
  }
  const args = [
    '--daemonize',
    'yes',
    '--bind',
    '127.0.0.1',
    '-::1',
    '--port',
    String(port),
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    dir,
    '--logfile',
    logfile,
  ];
  try {
    execFileSync('redis-server', args, { stdio: 'pipe' });
  } catch (error) {
    throw new ServiceError(`Could not start Redis: ${String(error.stderr || error.message).trim()}`);
  }
  return `redis-server --port ${port}`;
}

async function waitUntilUp(probe, url) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last = { up: false, reason: 'not tried' };
  while (Date.now() < deadline) {
    last = await probe(url);
    if (last.up) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new ServiceError(`started, but still not answering at ${redact(url)} after ${START_TIMEOUT_MS / 1000}s (${last.reason})`);
}

const SERVICES = {
  postgres: {
    label: 'PostgreSQL',
    defaultPort: 5432,
    binary: 'pg_ctlcluster',
    probe: probePostgres,
    start: () => startPostgres(),
  },
  redis: {
    label: 'Redis',
    defaultPort: 6379,
    binary: 'redis-server',
    probe: probeRedis,
    start: (url) => startRedis(endpoint(url, 6379).port),
  },
};

function targets(asked, env) {
  const wanted = new Set(asked);
  const list = [];
  const databaseUrl = isPostgresUrl(env.DATABASE_URL) ? env.DATABASE_URL : null;
  // The service itself needs its PostgreSQL even when only Redis was asked for (prestart); a SQLite path needs nothing.
  if (databaseUrl) wanted.add('postgres');
  if (wanted.has('postgres')) {
    const urls = [env.TEST_POSTGRES_URL, databaseUrl].filter(Boolean);
    for (const url of new Set(urls.length ? urls : [DEFAULT_POSTGRES_URL])) list.push({ name: 'postgres', url });
  }
  if (wanted.has('redis')) {
    const urls = [env.REDIS_URL || DEFAULT_REDIS_URL, env.TEST_REDIS_URL].filter(Boolean);
    for (const url of new Set(urls)) list.push({ name: 'redis', url });
  }
  return list;
}

async function ensure({ name, url }) {
  const service = SERVICES[name];
  const first = await service.probe(url);
  const where = (() => {
    const { host, port } = endpoint(url, service.defaultPort);
    return `${host}:${port}`;
  })();
  if (first.up) return `${name} ${where}`;
  const { host } = endpoint(url, service.defaultPort);
  if (!isLocal(host)) {
    throw new ServiceError(
      `${service.label} is not reachable at ${redact(url)} (${first.reason}); that host is not this machine, so check the server or the URL`,
    );
  }
  if (!onPath(service.binary)) {
    throw new ServiceError(
      `${service.label} is not reachable at ${redact(url)} (${first.reason}) and is not installed here: ${INSTALL_HINT[name]}`,
    );
  }
  const how = service.start(url);
  try {
    await waitUntilUp(service.probe, url);
  } catch (error) {
    throw new ServiceError(`${service.label} (${how}) ${error.message}`);
  }
  return `${name} ${where} (started)`;
}

/** Exported for scripts/bench: resolves when every service answers, rejects with a ServiceError otherwise. */
async function ensureServices(asked, env = process.env) {
  const unknown = asked.filter((name) => !KNOWN.includes(name));
  if (unknown.length) throw new ServiceError(`unknown service ${unknown.join(', ')}; known: ${KNOWN.join(', ')}`);
  const done = [];
  for (const target of targets(asked, env)) done.push(await ensure(target));
  return done;
}

async function main() {
  const asked = process.argv.slice(2);
  if (!asked.length) {
    console.error('usage: node scripts/ensure-services.js postgres|redis ...');
    process.exit(2);
  }
  try {
    const done = await ensureServices(asked);
    console.log(done.length ? `services ok: ${done.join(', ')}` : 'services ok: none needed (SQLite database)');
  } catch (error) {
    console.error(`ensure-services: ${error instanceof ServiceError ? error.message : error && error.stack ? error.stack : error}`);
    process.exit(1);
  }
}

module.exports = { ensureServices, ServiceError };

if (require.main === module) void main();
