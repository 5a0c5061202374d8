/**
 * Redis stopped for 20 s (SIGTERM, restarted on the same port) while listings are created (201) and
 * labels scanned (200): everything created goes live, every scan answered is counted. The private Redis
 * has no persistence (as a restarted cache would), so the listings are created during the outage.
 */
import { sleep } from '../support/wait';
import { compareScans, createListing, scanThroughOutage, settleListings } from './measure';
import { Drill, log, Stage } from './stage';

const OUTAGE_MS = 20_000;

export const redisStop: Drill = {
  name: 'redis-stop-20s',
  async run(s: Stage) {
    const ids: string[] = [];
    const refused: number[] = [];
    let slowest = 0;
    let i = 0;
    const {
      before,
      scanning,
      answeredDuringOutage: duringOutage,
    } = await scanThroughOutage(s, 'Redis', s.redis, OUTAGE_MS, async () => {
      const res = await createListing(s, `Vải thiều Redis tắt ${i++}`);
      slowest = Math.max(slowest, res.ms);
      if (res.status === 201) ids.push(res.id!);
      else refused.push(res.status);
      await sleep(500);
    });
    log(`Redis back: ${ids.length} listings created (${refused.length} refused, slowest ${slowest} ms), ${duringOutage} scans answered`);
    await sleep(2000);
    const scans = await scanning.stop();
    s.assertAlive();
    const listings = await settleListings(s, ids, 60_000);
    const counted = await compareScans(s, before, scans.accepted);
    return {
      drill: this.name,
      accepted: listings.accepted + scans.accepted,
      lost: listings.lost + counted.lost + refused.length,
      duplicated: listings.duplicated + counted.duplicated,
      listingsCreated: ids.length,
      listingsRefused: refused.length,
      slowestPostMs: slowest,
      scansAccepted: scans.accepted,
      scansStored: counted.stored,
      scanAnswers: scans.statuses,
    };
  },
};
