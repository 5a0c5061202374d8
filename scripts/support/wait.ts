/**
 * Waits with deadlines for the drills, the cluster run and the tests that start real processes. A probe
 * that throws is asked again (a port not listening yet, a database restarting) unless it throws
 * `GiveUp`; processes named in `alive` are checked before every probe, so a crash ends the wait at once
 * with the crashed process's last output instead of at the deadline.
 */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Thrown from a probe when waiting longer cannot help (the run failed, the moment to act has passed). */
export class GiveUp extends Error {}

/** What a wait checks to be still alive (a started process: see processes.ts). */
export interface MustStayAlive {
  assertAlive(): void;
}

export interface WaitOptions {
  /** Between two probes; 100 ms unless told. */
  everyMs?: number;
  /** Processes whose exit ends the wait with an error. */
  alive?: readonly MustStayAlive[];
}

type Probe<T> = () => Promise<T | null | undefined | false> | T | null | undefined | false;

/** Probes until it answers something truthy (answered) or `timeoutMs` passes (an error naming `what`). */
export async function waitFor<T>(what: string, timeoutMs: number, probe: Probe<T>, options: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    for (const process of options.alive ?? []) process.assertAlive();
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) {
      throw new Error(`timed out waiting for ${what}${lastError ? ` (${(lastError as Error).message})` : ''}`);
    }
    await sleep(options.everyMs ?? 100);
  }
}

/** Whether `url` answers a 2xx now; false when nothing listens. */
export async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** Waits until `url` answers a 2xx. */
export function waitForHttp(url: string, timeoutMs: number, options: WaitOptions = {}): Promise<true> {
  return waitFor(url, timeoutMs, () => answers(url), { everyMs: 200, ...options });
}
