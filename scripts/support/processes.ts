/**
 * Starting, watching and stopping the processes of a drill, the cluster run or a test: one `Started`
 * per process keeps its output (the last part in memory, all of it in a log file when asked, or
 * forwarded to stderr line by line), says whether it is still running, waits for a line it prints and
 * stops it with a signal, escalating to SIGKILL after a grace period when one is given.
 */
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { GiveUp, MustStayAlive, waitFor } from './wait';

/** Output kept in memory per process: enough for any start-up failure, bounded for long runs. */
const KEPT_OUTPUT_BYTES = 4 * 1024 * 1024;

/** Cores this script may use, read before pinThisProcess narrows them to one. */
const CORES = availableParallelism();

export interface StartOptions {
  /** Shown in errors and in front of forwarded lines. */
  name: string;
  command: string;
  args?: string[];
  cwd?: string;
  /** The whole environment of the process: nothing is inherited that is not given here. */
  env: NodeJS.ProcessEnv;
  /** Appends stdout and stderr to this file. */
  logFile?: string;
  /** Writes each line of output to this process's stderr as `[name] line`. */
  forward?: boolean;
  /** Runs it on this core only (taskset), so a benchmark compares loads on the same core; ignored on one core. */
  cpu?: number;
}

/** Keeps this script (a benchmark's load generator) on `core`, away from the processes it measures. */
export function pinThisProcess(core: number): void {
  if (CORES > 1) execFileSync('taskset', ['-cp', String(core), String(process.pid)], { stdio: 'ignore' });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** How a process ended: its exit code, or the signal that ended it; null while it runs. */
function howEnded(child: ChildProcess): string | null {
  return exited(child) ? String(child.exitCode ?? child.signalCode) : null;
}

/**
 * Sends `signal` and waits for the exit; with `graceMs`, SIGKILL follows when the process has not exited
 * by then. Answers how it ended (see howEnded).
 */
export async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM', graceMs?: number): Promise<string> {
  if (!exited(child)) {
    const done = once(child, 'exit');
    child.kill(signal);
    const timer = graceMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), graceMs);
    await done;
    clearTimeout(timer);
  }
  return howEnded(child)!;
}

/** A process started here. */
export class Started implements MustStayAlive {
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private readonly log: WriteStream | null;
  private lineListeners = new Set<(line: string) => void>();
  private partial = '';
  private readonly closed: Promise<void>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    options: Pick<StartOptions, 'logFile' | 'forward'>,
  ) {
    this.log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : null;
    const take = (chunk: Buffer): void => {
      this.keep(chunk);
      this.log?.write(chunk);
      this.split(chunk.toString(), options.forward ?? false);
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    // 'close' (not 'exit'): output can still arrive after the exit, and the log takes all of it.
    this.closed = new Promise((resolve) => child.once('close', () => (this.log ? this.log.end(() => resolve()) : resolve())));
  }

  get exited(): boolean {
    return exited(this.child);
  }

  /** The exit code or the ending signal; null while it runs. */
  get ended(): string | null {
    return howEnded(this.child);
  }

  /** What it printed (stdout and stderr interleaved), the last 4 MB at most. */
  output(): string {
    return Buffer.concat(this.kept).toString();
  }

  tail(lines = 30): string {
    return this.output().split('\n').slice(-lines).join('\n');
  }

  assertAlive(): void {
    if (this.exited) throw new GiveUp(`${this.name} exited (${this.ended}):\n${this.tail()}`);
  }

  /** Waits for a line matching `pattern` printed from now on; fails when the process exits first. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    let seen: string | null = null;
    const listener = (line: string): void => {
      if (seen === null && pattern.test(line)) seen = line;
    };
    this.lineListeners.add(listener);
    const probe = (): string | null => {
      // A line printed just before the exit still counts.
      if (seen === null) this.assertAlive();
      return seen;
    };
    return waitFor(`${this.name} to print ${pattern}`, timeoutMs, probe, { everyMs: 50 }).finally(() =>
      this.lineListeners.delete(listener),
    );
  }

  /** SIGTERM (or `signal`) and the exit; SIGKILL after `graceMs` when given. Answers how it ended. */
  stop(signal: NodeJS.Signals = 'SIGTERM', graceMs?: number): Promise<string> {
    return stopChild(this.child, signal, graceMs);
  }

  /** Waits for the exit and the last of its output, in memory and in the log file: how it ended. */
  async ending(): Promise<string> {
    await this.closed;
    return this.ended ?? 'never started';
  }

  /** kill -9 and the exit. */
  async kill(): Promise<void> {
    await stopChild(this.child, 'SIGKILL');
  }

  private keep(chunk: Buffer): void {
    this.kept.push(chunk);
    this.keptBytes += chunk.length;
    while (this.keptBytes > KEPT_OUTPUT_BYTES && this.kept.length > 1) this.keptBytes -= this.kept.shift()!.length;
  }

  private split(text: string, forward: boolean): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) {
      if (forward && line.trim()) process.stderr.write(`[${this.name}] ${line}\n`);
      for (const listener of this.lineListeners) listener(line);
    }
  }
}

export function startProcess(options: StartOptions): Started {
  const pinned = options.cpu !== undefined && CORES > 1;
  const [command, ...args] = [...(pinned ? ['taskset', '-c', String(options.cpu)] : []), options.command, ...(options.args ?? [])];
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  // A command that cannot be started (ENOENT) shows up as an exit; without a listener it would throw.
  child.once('error', (error) => process.stderr.write(`[${options.name}] could not start: ${error.message}\n`));
  return new Started(options.name, child, options);
}

/** `node [nodeArgs] script [args]` with this Node. */
export function startNode(script: string, options: Omit<StartOptions, 'command'> & { nodeArgs?: string[] }): Started {
  return startProcess({ ...options, command: process.execPath, args: [...(options.nodeArgs ?? []), script, ...(options.args ?? [])] });
}

/** Runs a command to its end: its exit code and its output. */
export async function runToEnd(options: StartOptions): Promise<{ code: number | null; output: string }> {
  const started = startProcess(options);
  await started.ending();
  const code = started.child.exitCode;
  return { code, output: started.output() };
}

/** Stops every process still running with SIGKILL (the end of a run, whatever happened). */
export async function killAll(processes: readonly Started[]): Promise<void> {
  await Promise.all(processes.map((p) => p.kill().catch(() => undefined)));
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port;
}

/** `count` different TCP ports nobody listens on right now (held together while they are picked, so none repeats). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer().listen(0, '127.0.0.1'));
  await Promise.all(servers.map((server) => once(server, 'listening')));
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => once(server.close(), 'close')));
  return ports;
}
