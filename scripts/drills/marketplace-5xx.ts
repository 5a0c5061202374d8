/**
 * Every mock marketplace answers 50% 5xx for FAULTS_5XX_SECONDS (60) while 40 listings are created
 * across that window and sync: every channel live, createCalls 1 per SKU.
 */
import { sleep } from '../support/wait';
import { channelsOf, createListing, settleListings } from './measure';
import { Drill, log, MARKETPLACES, Stage } from './stage';

const FAULT_SECONDS = Number(process.env.FAULTS_5XX_SECONDS ?? 60);
const LISTINGS = 40;

export const marketplace5xx: Drill = {
  name: 'marketplace-5xx',
  async run(s: Stage) {
    const control = (m: string, method: string, body?: object) =>
      fetch(`${s.mockUrl}/_mock/${m}/faults`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
    for (const m of MARKETPLACES) {
      const set = await control(m, 'POST', { errorRate: 0.5 });
      if (!set.ok) throw new Error(`setting ${m} faults -> ${set.status}`);
    }
    const started = Date.now();
    log(`mock marketplaces answer 50% 5xx for ${FAULT_SECONDS} s`);
    const ids: string[] = [];
    let i = 0;
    while (Date.now() - started < FAULT_SECONDS * 1000) {
      if (ids.length < LISTINGS) {
        const res = await createListing(s, `Vải thiều 5xx ${i++}`);
        if (res.status !== 201) throw new Error(`POST /listings -> ${res.status}`);
        ids.push(res.id!);
      }
      // Spread the listings over the whole fault window.
      await sleep(Math.max(250, (FAULT_SECONDS * 1000) / LISTINGS));
    }
    const stats = await Promise.all(
      MARKETPLACES.map(async (m) => (await (await fetch(`${s.mockUrl}/_mock/${m}/stats`)).json()) as { injectedErrors: number }),
    );
    for (const m of MARKETPLACES) {
      const cleared = await control(m, 'DELETE');
      if (!cleared.ok) throw new Error(`clearing ${m} faults -> ${cleared.status}`);
    }
    const failedDuring = (await channelsOf(s, ids)).filter((r) => r.status === 'failed');
    if (failedDuring.length) log(`${failedDuring.length} channels gave up during the faults: ${JSON.stringify(failedDuring.slice(0, 3))}`);
    const counts = await settleListings(s, ids, 60_000);
    return {
      drill: this.name,
      ...counts,
      faultSeconds: FAULT_SECONDS,
      injectedErrors: stats.reduce((sum, x) => sum + (x.injectedErrors ?? 0), 0),
    };
  },
};
