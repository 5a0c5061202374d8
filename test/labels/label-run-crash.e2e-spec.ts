import { DataSource } from 'typeorm';
import { LabelRun } from '../../src/labels/label-run.entity';
import { createBatch, createFixture, createProduct } from '../support/factories';
import { decodePdf } from '../support/pdf-qr';
import { processEnvironment, startServiceProcess, stopProcess } from '../support/processes';
import { bearer, binaryBody, startTestApp, TestApp } from '../support/test-app';
import type { ChildProcess } from 'node:child_process';

jest.setTimeout(240_000);

/**
 * A worker killed with SIGKILL in the middle of a label run: another worker process picks the run
 * up when the dead one's job lock expires and prints it with the very same serials, each once.
 */
describe('label run survives kill -9 of its worker (real processes)', () => {
  let t: TestApp;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await startTestApp({ STORAGE_DIR: `/tmp/nst-storage-crash-${process.pid}` }, 'api');
  });
  afterAll(async () => {
    for (const child of children) await stopProcess(child, 'SIGKILL');
    await t?.close();
  });

  it('redoes the run with the same serials: none lost, none printed twice', async () => {
    const f = await createFixture(t);
    const productId = await createProduct(t, f.managerToken, f.cooperativeId, { gtin: '8930000000026' });
    const batch = await createBatch(t, f.managerToken, { productId, householdId: f.householdId, quantity: 20_000 });
    const quantity = 4800;
    const created = await t.http
      .post(`/api/v1/batches/${batch.id}/label-runs`)
      .set(bearer(f.managerToken))
      .send({ quantity, layout: 'a4-3x8', format: 'pdf' });
    expect(created.status).toBe(202);
    const runs = t.app.get(DataSource).getRepository(LabelRun);
    const serialsBefore = await t.app
      .get(DataSource)
      .query<{ serial: string }[]>('SELECT serial FROM labels WHERE label_run_id = $1 ORDER BY sequence', [created.body.id]);
    expect(serialsBefore).toHaveLength(quantity);

    // One render thread, so the run lasts long enough to be caught in the middle.
    const env = processEnvironment(t.env, { ROLE: 'worker', LABEL_RENDER_THREADS: '1', LABEL_JOB_LOCK_SECONDS: '3' });
    const first = startServiceProcess(env);
    children.push(first);
    let caught: LabelRun | null = null;
    for (let i = 0; i < 600 && !caught; i++) {
      const run = await runs.findOneByOrFail({ id: created.body.id });
      if (run.status === 'rendering' && run.progress > 0) caught = run;
      else if (run.status === 'done') throw new Error('the run finished before the worker could be killed; make it longer');
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(caught?.status).toBe('rendering');
    await stopProcess(first, 'SIGKILL');
    expect((await runs.findOneByOrFail({ id: created.body.id })).status).toBe('rendering');

    const second = startServiceProcess(env);
    children.push(second);
    let done: LabelRun | null = null;
    for (let i = 0; i < 900 && !done; i++) {
      const run = await runs.findOneByOrFail({ id: created.body.id });
      if (run.status === 'done' || run.status === 'failed') done = run;
      else await new Promise((r) => setTimeout(r, 100));
    }
    expect(done?.status).toBe('done');
    expect(done?.attempts).toBeGreaterThanOrEqual(2);

    const file = await t.http.get(`/api/v1/label-runs/${created.body.id}/file`).set(bearer(f.managerToken)).buffer(true).parse(binaryBody);
    expect(file.status).toBe(200);
    const pages = await decodePdf(file.body as Buffer, 150, undefined, true);
    expect(pages).toHaveLength(quantity / 24);
    // Every serial is printed in readable text; count each one's appearances across the document.
    const printed = pages.flatMap((p) => p.text.match(/\b[0-9A-Z]{19}\b/g) ?? []);
    expect(printed).toHaveLength(quantity);
    expect(new Set(printed)).toEqual(new Set(serialsBefore.map((s) => s.serial)));
    // And the codes themselves decode on sampled pages to the same serials.
    const sampled = pages.flatMap((p) => p.codes ?? []);
    expect(sampled.length).toBe(6 * 24);
    for (const url of sampled) expect(printed).toContain(url.slice(-19));
    await stopProcess(second);
  });
});
