import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort, killAll, runToEnd, startNode, Started } from '../../scripts/support/processes';
import { cpuProfileFlags } from '../../scripts/support/service';
import { withClient } from '../../scripts/support/service-client';
import { ADMIN_POSTGRES_URL, openStores, REDIS_URL } from '../../scripts/support/stores';
import { GiveUp, waitFor } from '../../scripts/support/wait';

/** The drill harness (scripts/support): waits, processes started, watched and stopped, and a run's stores. */

const node = (name: string, code: string, logFile?: string): Started =>
  startNode('-e', { name, args: [code], env: { PATH: process.env.PATH }, logFile });

describe('waitFor', () => {
  it('answers what the probe answered once it is truthy, asking again after errors', async () => {
    let calls = 0;
    const value = await waitFor(
      'the third call',
      10_000,
      () => {
        calls++;
        if (calls === 1) throw new Error('not listening yet');
        return calls === 3 ? { calls } : null;
      },
      { everyMs: 1 },
    );
    expect(value).toEqual({ calls: 3 });
  });

  it('stops at once when the probe gives up', async () => {
    let calls = 0;
    const waited = waitFor('a run that failed', 60_000, () => {
      calls++;
      throw new GiveUp('the run failed');
    });
    await expect(waited).rejects.toThrow('the run failed');
    expect(calls).toBe(1);
  });

  it('fails at the deadline naming what it waited for and the last error', async () => {
    const waited = waitFor('a port', 0, () => {
      throw new Error('ECONNREFUSED');
    });
    await expect(waited).rejects.toThrow('timed out waiting for a port (ECONNREFUSED)');
  });

  it('fails when a process that must stay alive exits, with its last output', async () => {
    const crashing = node('crashing', "console.error('boom: no database'); process.exit(3)");
    await crashing.ending();
    const waited = waitFor('something that never comes', 60_000, () => false, { alive: [crashing] });
    await expect(waited).rejects.toThrow(/crashing exited \(3\):\n.*boom: no database/);
  });
});

describe('started processes', () => {
  const started: Started[] = [];
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'nst-harness-'));
  });
  afterAll(async () => {
    await killAll(started);
    rmSync(work, { recursive: true, force: true });
  });

  it('runs a command to its end: the exit code and all its output, in memory and in the log file', async () => {
    const logFile = join(work, 'run.log');
    const { code, output } = await runToEnd({
      name: 'counting',
      command: process.execPath,
      args: ['-e', "for (let i = 0; i < 3; i++) console.log('line ' + i); console.error('done'); process.exit(2)"],
      env: { PATH: process.env.PATH },
      logFile,
    });
    expect(code).toBe(2);
    expect(output.split('\n').filter(Boolean).sort()).toEqual(['done', 'line 0', 'line 1', 'line 2']);
    await waitFor('the log file to be written', 10_000, () => readFileSync(logFile, 'utf8').includes('done'));
    expect(readFileSync(logFile, 'utf8')).toContain('line 2');
  });

  it('waits for a line the process prints and stops it with SIGTERM', async () => {
    const server = node(
      'server',
      "require('node:http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log('listening on ' + this.address().port) })",
    );
    started.push(server);
    const line = await server.waitForLine(/listening on \d+/, 30_000);
    const port = Number(line.split(' ').pop());
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    expect(server.exited).toBe(false);
    expect(() => server.assertAlive()).not.toThrow();
    expect(await server.stop()).toBe('SIGTERM');
    expect(server.exited).toBe(true);
    expect(() => server.assertAlive()).toThrow(GiveUp);
  });

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const stubborn = node(
      'stubborn',
      "process.on('SIGTERM', () => console.log('ignored')); console.log('ready'); setInterval(() => {}, 1000)",
    );
    started.push(stubborn);
    await stubborn.waitForLine(/ready/, 30_000);
    expect(await stubborn.stop('SIGTERM', 200)).toBe('SIGKILL');
  });

  it('fails a wait for a line when the process exits first', async () => {
    const quitter = node('quitter', "console.log('starting'); process.exit(1)");
    started.push(quitter);
    await expect(quitter.waitForLine(/listening/, 60_000)).rejects.toThrow(/quitter exited \(1\)/);
  });

  it('has all of the output in the log file once the process has ended', async () => {
    const logFile = join(work, 'loud.log');
    const loud = node('loud', "process.stdout.write('x'.repeat(8 * 1024 * 1024))", logFile);
    started.push(loud);
    expect(await loud.ending()).toBe('0');
    expect(readFileSync(logFile, 'utf8').length).toBe(8 * 1024 * 1024);
  });

  it('pins a process to one core when asked', async () => {
    const { output } = await runToEnd({
      name: 'pinned',
      command: process.execPath,
      args: ['-e', "console.log(require('node:os').availableParallelism())"],
      env: { PATH: process.env.PATH },
      cpu: 0,
    });
    expect(output.trim()).toBe('1');
    const free = await runToEnd({
      name: 'free',
      command: process.execPath,
      args: ['-e', "console.log(require('node:os').availableParallelism())"],
      env: {},
    });
    expect(free.output.trim()).toBe(String(availableParallelism()));
  });

  it('finds a port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    expect((server.address() as { port: number }).port).toBe(port);
    server.close();
    await once(server, 'close');
  });
});

describe('cpuProfileFlags', () => {
  it('asks node for a CPU profile in the directory given, and for nothing without one', () => {
    expect(cpuProfileFlags('/tmp/profiles')).toEqual(['--cpu-prof', '--cpu-prof-dir=/tmp/profiles']);
    expect(cpuProfileFlags(undefined)).toEqual([]);
  });
});

describe('openStores', () => {
  const databaseExists = (name: string) =>
    withClient(ADMIN_POSTGRES_URL, async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
  const given = process.env.DATABASE_URL;
  afterEach(() => {
    if (given === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = given;
  });

  it('makes a throwaway database and a key prefix, and removes both', async () => {
    const stores = await openStores('harness_spec');
    expect(stores.throwaway).toMatch(/^harness_spec_/);
    expect(stores.redisPrefix).toMatch(/^harness_spec_[0-9a-f]{8}$/);
    await withClient(stores.databaseUrl, (c) => c.query('CREATE TABLE marker (id int)'));
    const redis = new Redis(REDIS_URL);
    try {
      await redis.set(`${stores.redisPrefix}:a`, '1');
      await redis.set(`${stores.redisPrefix}x:kept`, '1');
      await stores.remove();
      expect(await databaseExists(stores.throwaway!)).toBe(false);
      expect(await redis.exists(`${stores.redisPrefix}:a`)).toBe(0);
      expect(await redis.exists(`${stores.redisPrefix}x:kept`)).toBe(1);
    } finally {
      await redis.del(`${stores.redisPrefix}x:kept`);
      redis.disconnect();
    }
  });

  it('works in a given PostgreSQL DATABASE_URL when told, removing only what the run says it added', async () => {
    process.env.DATABASE_URL = ADMIN_POSTGRES_URL;
    const stores = await openStores('harness_spec', { useDatabaseUrl: true });
    expect(stores.throwaway).toBeNull();
    expect(stores.databaseUrl).toBe(ADMIN_POSTGRES_URL);
    const removed: string[] = [];
    await stores.remove(async (c) => removed.push((await c.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db));
    expect(removed).toEqual([new URL(ADMIN_POSTGRES_URL).pathname.slice(1)]);
  });

  it('ignores DATABASE_URL unless told', async () => {
    process.env.DATABASE_URL = ADMIN_POSTGRES_URL;
    const stores = await openStores('harness_spec');
    try {
      expect(stores.throwaway).not.toBeNull();
      expect(stores.databaseUrl).not.toBe(ADMIN_POSTGRES_URL);
    } finally {
      await stores.remove();
    }
  });
});
