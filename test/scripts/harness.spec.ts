import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, killAll, runToEnd, startNode, Started } from '../../scripts/support/processes';
import { GiveUp, waitFor } from '../../scripts/support/wait';

/** The drill harness (scripts/support): waits, and processes started, watched and stopped. */

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
