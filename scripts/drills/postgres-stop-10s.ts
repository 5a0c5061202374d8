/**
 * PostgreSQL stopped for 10 s (fast shutdown, restarted on the same data directory) while scans arrive:
 * the processes stay up and recover by themselves; scans stored = scans answered 200, and while the
 * database is away a scan is answered 200 or 5xx, never a 4xx (a 404 would tell the shopper the label is
 * counterfeit) nor a dropped connection.
 */
import { sleep, waitFor } from '../support/wait';
import { compareScans, scanThroughOutage } from './measure';
import { Drill, log, Stage } from './stage';

const OUTAGE_MS = 10_000;

export const postgresStop: Drill = {
  name: 'postgres-stop-10s',
  async run(s: Stage) {
    const { before, scanning, stoppedAt, answeredDuringOutage } = await scanThroughOutage(
      s,
      'PostgreSQL',
      s.postgres,
      OUTAGE_MS,
      async () => {
        s.assertAlive();
        await sleep(250);
      },
    );
    log(`PostgreSQL back; ${answeredDuringOutage} scans answered 200 while it was away`);
    // Recovers by itself: health answers 200 again and scans keep being answered.
    const recoveredMs = await waitFor(
      'the api to report healthy again',
      30_000,
      async () => {
        const res = await fetch(`${s.base}/health`);
        return res.ok ? Date.now() - stoppedAt - OUTAGE_MS : null;
      },
      { everyMs: 200 },
    );
    const afterRecovery = scanning.accepted;
    await sleep(3000);
    const scans = await scanning.stop();
    if (scans.accepted <= afterRecovery) throw new Error('scans are not answered after PostgreSQL came back');
    const wrong = Object.keys(scans.statuses).filter((status) => status !== '200' && !/^5\d\d$/.test(status));
    if (wrong.length) throw new Error(`scans answered ${wrong.join(', ')} while PostgreSQL was away`);
    s.assertAlive();
    const counted = await compareScans(s, before, scans.accepted);
    return {
      drill: this.name,
      accepted: scans.accepted,
      lost: counted.lost,
      duplicated: counted.duplicated,
      scansStored: counted.stored,
      answeredDuringOutage,
      recoveredAfterMs: Math.max(0, recoveredMs),
      scanAnswers: scans.statuses,
    };
  },
};
