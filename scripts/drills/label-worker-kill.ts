/**
 * kill -9 the worker in the middle of a 4,800-label PDF run; a new worker finishes it, and every serial
 * of the run is printed in the file exactly once.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/service';
import { api } from '../support/service-client';
import { GiveUp, waitFor } from '../support/wait';
import { query } from './measure';
import { Drill, log, Stage } from './stage';

const QUANTITY = 4800;

/** The readable text of every page of a PDF, through mupdf (an ES module: run in its own Node). */
function pdfText(file: string): string {
  return execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import * as mupdf from 'mupdf'; import { readFileSync } from 'node:fs';
       const doc = mupdf.Document.openDocument(readFileSync(process.argv[1]), 'application/pdf');
       let out = ''; for (let i = 0; i < doc.countPages(); i++) out += doc.loadPage(i).toStructuredText('preserve-whitespace').asText() + '\\n';
       process.stdout.write(out);`,
      file,
    ],
    { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 },
  ).toString();
}

export const labelWorkerKill: Drill = {
  name: 'label-worker-kill',
  async run(s: Stage) {
    const created = await api<{ id: string }>(s.base, 'POST', `/api/v1/batches/${s.batchId}/label-runs`, s.token, {
      quantity: QUANTITY,
      layout: 'a4-3x8',
      format: 'pdf',
    });
    const serials = await query<{ serial: string }>(s.db, 'SELECT serial FROM labels WHERE label_run_id = $1', [created.id]);
    const run = async () =>
      (
        await query<{ status: string; progress: number; attempts: number }>(
          s.db,
          'SELECT status, progress, attempts FROM label_runs WHERE id = $1',
          [created.id],
        )
      )[0];
    await waitFor(
      'the run to be mid-render',
      60_000,
      async () => {
        const r = await run();
        if (r.status === 'done') throw new GiveUp('the run finished before the worker could be killed');
        return r.status === 'rendering' && r.progress > 0;
      },
      { everyMs: 50 },
    );
    log(`label run at ${(await run()).progress}%: kill -9 ${s.worker.name}`);
    await s.replaceWorker();
    const final = await waitFor(
      'the run to finish',
      90_000,
      async () => {
        const r = await run();
        return r.status === 'done' || r.status === 'failed' ? r : null;
      },
      { everyMs: 200 },
    );
    if (final.status !== 'done') throw new Error(`label run ended ${final.status}`);
    // Read the printed file and count each serial's appearances.
    const file = await fetch(`${s.base}/api/v1/label-runs/${created.id}/file`, { headers: { authorization: `Bearer ${s.token}` } });
    if (file.status !== 200) throw new Error(`label file -> ${file.status}`);
    const pdf = join(s.workDir, 'run.pdf');
    writeFileSync(pdf, Buffer.from(await file.arrayBuffer()));
    const printed = new Map<string, number>();
    for (const serial of pdfText(pdf).match(/\b[0-9A-Z]{19}\b/g) ?? []) printed.set(serial, (printed.get(serial) ?? 0) + 1);
    let lost = 0;
    let duplicated = 0;
    for (const { serial } of serials) {
      const n = printed.get(serial) ?? 0;
      if (n === 0) lost++;
      if (n > 1) duplicated += n - 1;
    }
    const known = new Set(serials.map((x) => x.serial));
    const strangers = [...printed.keys()].filter((serial) => !known.has(serial)).length;
    return { drill: this.name, accepted: QUANTITY, lost, duplicated: duplicated + strangers, attempts: final.attempts };
  },
};
