/**
 * A PostgreSQL cluster and a redis-server of a drill's own, on free ports, that the drill may stop and
 * start again (the machine's shared 5432/6379 are never touched). Their logs go to the work directory.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { runToEnd, startProcess, Started } from './processes';
import { waitFor } from './wait';

/** A redis-server without persistence (as a restarted cache would come back: empty). */
export class PrivateRedis {
  private process: Started | null = null;

  /** Not started yet: start() it. */
  constructor(
    private readonly workDir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const started = startProcess({
      name: 'redis',
      command: 'redis-server',
      args: ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      env: { ...process.env },
      logFile: join(this.workDir, 'redis.log'),
    });
    this.process = started;
    await waitFor(
      'redis to listen',
      10_000,
      () =>
        execFileSync('redis-cli', ['-p', String(this.port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] })
          .toString()
          .trim() === 'PONG',
      { alive: [started] },
    );
  }

  /** SIGTERM: the way Redis goes away when it is restarted or its host is. */
  async stop(): Promise<void> {
    await this.process?.stop('SIGTERM');
    this.process = null;
  }
}

/** A PostgreSQL cluster in the work directory (initdb, trust authentication, fsync off). */
export class PrivatePostgres {
  private process: Started | null = null;
  private readonly dir: string;
  private readonly bin: string;
  /** PostgreSQL refuses to run as root: as root, its commands run as the postgres user. */
  private readonly asPostgres: string[];

  private constructor(
    readonly port: number,
    private readonly workDir: string,
  ) {
    this.dir = join(workDir, 'pg');
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    this.bin = join('/usr/lib/postgresql', versions[0], 'bin');
    this.asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  }

  /** A cluster initialised in `workDir`/pg, not started. */
  static async init(workDir: string, port: number): Promise<PrivatePostgres> {
    const postgres = new PrivatePostgres(port, workDir);
    await postgres.initdb();
    return postgres;
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const started = this.run('postgres', 'postgres', [
      '-D',
      this.dir,
      '-p',
      String(this.port),
      '-k',
      this.dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ]);
    this.process = started;
    await waitFor(
      'postgres to accept connections',
      20_000,
      async () => {
        const client = new Client({ connectionString: this.url() });
        await client.connect();
        await client.end();
        return true;
      },
      { alive: [started] },
    );
  }

  /** Fast shutdown (SIGINT): sessions are cut, the way a crashed or restarted database server looks to clients. */
  async stop(): Promise<void> {
    const pid = this.postmasterPid();
    if (pid) process.kill(pid, 'SIGINT');
    if (this.process && !this.process.exited) await new Promise<void>((resolve) => this.process!.child.once('exit', () => resolve()));
    await waitFor('postgres to stop', 20_000, () => !existsSync(join(this.dir, 'postmaster.pid')));
    this.process = null;
  }

  private async initdb(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    if (this.asPostgres.length) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(this.workDir, uid, gid);
      chownSync(this.dir, uid, gid);
    }
    const { code, output } = await runToEnd(
      this.options('initdb', 'initdb', ['-D', this.dir, '-U', 'postgres', '--auth=trust', '--no-sync']),
    );
    if (code !== 0) throw new Error(`initdb failed: ${output}`);
  }

  /** The postmaster's own pid (the child may be runuser), from postmaster.pid. */
  private postmasterPid(): number | null {
    const file = join(this.dir, 'postmaster.pid');
    return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
  }

  private run(name: string, command: string, args: string[]): Started {
    return startProcess({ ...this.options(name, command, args), logFile: join(this.workDir, 'postgres.log') });
  }

  private options(name: string, command: string, args: string[]) {
    const [head, ...rest] = [...this.asPostgres, join(this.bin, command), ...args];
    return { name, command: head, args: rest, env: { ...process.env } };
  }
}
