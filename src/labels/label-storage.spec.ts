import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { LabelsConfig } from '../config/sections';
import { LabelStorage } from './label-storage';

describe('LabelStorage', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'labels-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('keeps label files (0640) and their folder (0750) away from other users of the machine', async () => {
    const previous = process.umask(0o022);
    try {
      const storage = new LabelStorage({ STORAGE_DIR: join(dir, 'storage') } as LabelsConfig);
      const partial = await storage.partialPath('run-1', 'pdf');
      const out = createWriteStream(partial);
      out.end('%PDF-1.7');
      await finished(out);
      expect((await stat(partial)).mode & 0o777).toBe(0o640);
      const { fileName } = await storage.commit('run-1', 'pdf');
      expect((await stat(join(dir, 'storage', 'label-runs', fileName))).mode & 0o777).toBe(0o640);
      expect((await stat(join(dir, 'storage', 'label-runs'))).mode & 0o777).toBe(0o750);
    } finally {
      process.umask(previous);
    }
  });
});
