/**
 * npm run test:faults [-- name …] — fault drills against real processes: the built service
 * (dist/main.js, one ROLE=api and one ROLE=worker process), a PRIVATE redis-server and a PRIVATE
 * PostgreSQL cluster started on free ports (the machine's shared 5432/6379 are never touched), and the
 * mock marketplaces over HTTP. One file per drill beside this one:
 *
 *  label-worker-kill    kill -9 the worker mid label run; a new worker finishes it, every serial printed once
 *  sync-worker-kill     kill -9 the worker mid sync of many listings; a new worker: every channel live, createCalls 1
 *  redis-stop-20s       Redis stopped 20 s while listings are created and labels scanned: all live, every scan counted
 *  postgres-stop-10s    PostgreSQL stopped 10 s while scans arrive: the processes recover alone, scans stored = answered
 *  marketplace-5xx      every mock marketplace answers 50% 5xx for FAULTS_5XX_SECONDS (60) while 40 listings sync
 *
 * Each drill prints one JSON line {"drill":…,"accepted":…,"lost":0,"duplicated":0,…} ({"drill":…,"error":…}
 * when it could not finish); exit 1 if any fails. Names given as arguments, or FAULTS_ONLY=name[,name],
 * run those drills only, in the order above. Logs of every process are kept in the printed work directory
 * when a drill fails.
 */
import { labelWorkerKill } from './label-worker-kill';
import { marketplace5xx } from './marketplace-5xx';
import { postgresStop } from './postgres-stop-10s';
import { redisStop } from './redis-stop-20s';
import { Drill, log, Stage } from './stage';
import { syncWorkerKill } from './sync-worker-kill';

const DRILLS: Drill[] = [labelWorkerKill, syncWorkerKill, redisStop, postgresStop, marketplace5xx];

/** The drills named on the command line or in FAULTS_ONLY, or all; null (and a message) for a name unknown. */
function chosen(): Drill[] | null {
  const names = [...process.argv.slice(2), ...(process.env.FAULTS_ONLY?.split(',') ?? [])].map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((name) => !DRILLS.some((d) => d.name === name));
  if (unknown.length) {
    log(`no drill named ${unknown.join(', ')}; the drills: ${DRILLS.map((d) => d.name).join(', ')}`);
    return null;
  }
  return names.length ? DRILLS.filter((d) => names.includes(d.name)) : DRILLS;
}

async function main(): Promise<void> {
  const drills = chosen();
  if (!drills) process.exit(2);
  const stage = await Stage.open();
  const failures: string[] = [];
  try {
    for (const drill of drills) {
      const started = Date.now();
      try {
        const result = await drill.run(stage);
        stage.assertAlive();
        process.stdout.write(`${JSON.stringify(result)}\n`);
        const passed = result.lost === 0 && result.duplicated === 0;
        if (!passed) failures.push(`${drill.name}: lost ${result.lost}, duplicated ${result.duplicated}`);
        log(`${drill.name} ${passed ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
      } catch (error) {
        failures.push(`${drill.name}: ${(error as Error).message}`);
        log(`${drill.name} FAILED: ${(error as Error).stack ?? String(error)}`);
        process.stdout.write(`${JSON.stringify({ drill: drill.name, error: (error as Error).message })}\n`);
      }
    }
  } finally {
    await stage.close();
  }
  if (failures.length) {
    log(`FAILED: ${failures.join('; ')} (logs kept in ${stage.workDir})`);
    process.exit(1);
  }
  stage.removeWorkDir();
  log('all drills passed');
}

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
