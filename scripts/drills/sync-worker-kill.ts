/** kill -9 the worker in the middle of the sync of 30 listings; a new worker: every channel live, createCalls 1. */
import { waitFor } from '../support/wait';
import { channelsOf, createListing, settleListings } from './measure';
import { Drill, log, Stage } from './stage';

export const syncWorkerKill: Drill = {
  name: 'sync-worker-kill',
  async run(s: Stage) {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await createListing(s, `Vải thiều kill-sync ${i}`);
      if (res.status !== 201) throw new Error(`POST /listings -> ${res.status}`);
      ids.push(res.id!);
    }
    await waitFor(
      'the sync to be under way',
      20_000,
      async () => {
        const rows = await channelsOf(s, ids);
        return (
          rows.some((r) => r.status === 'syncing' || r.status === 'in_review' || r.status === 'live') &&
          rows.some((r) => r.status !== 'live')
        );
      },
      { everyMs: 25 },
    );
    const halfway = await channelsOf(s, ids);
    const liveAtKill = halfway.filter((r) => r.status === 'live').length;
    log(`sync under way (${liveAtKill}/${halfway.length} live): kill -9 ${s.worker.name}`);
    await s.replaceWorker();
    const counts = await settleListings(s, ids, 60_000);
    return { drill: this.name, ...counts, liveAtKill };
  },
};
