import { Injectable } from '@nestjs/common';
import { createReadStream, ReadStream } from 'node:fs';
import { chmod, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { LabelsConfig } from '../config/sections';
import type { LabelFormat } from './label-run.entity';

const EXTENSIONS: Record<LabelFormat, string> = { pdf: 'pdf', zpl: 'zpl' };

/**
 * Label files carry valid serials: anyone who can read one can print genuine-scanning copies. The service's
 * user and its group only, whatever the process umask (mkdir and open apply it, so the modes are set again).
 */
const FOLDER_MODE = 0o750;
const FILE_MODE = 0o640;

/**
 * Rendered label files under STORAGE_DIR/label-runs. A render writes `<id>.<ext>.partial` and renames it
 * when complete, so a reader never sees half a file and a crashed render leaves nothing behind but a partial.
 */
@Injectable()
export class LabelStorage {
  private readonly root: string;

  constructor(labelsConfig: LabelsConfig) {
    this.root = resolve(labelsConfig.STORAGE_DIR, 'label-runs');
  }

  fileName(runId: string, format: LabelFormat): string {
    return `${runId}.${EXTENSIONS[format]}`;
  }

  /** Creates the (empty) partial file with its final mode; the renderer then writes into it. */
  async partialPath(runId: string, format: LabelFormat): Promise<string> {
    await mkdir(this.root, { recursive: true, mode: FOLDER_MODE });
    await chmod(this.root, FOLDER_MODE);
    const path = join(this.root, `${this.fileName(runId, format)}.partial`);
    const file = await open(path, 'w', FILE_MODE);
    try {
      await file.chmod(FILE_MODE);
    } finally {
      await file.close();
    }
    return path;
  }

  async commit(runId: string, format: LabelFormat): Promise<{ fileName: string; bytes: number }> {
    const fileName = this.fileName(runId, format);
    const target = join(this.root, fileName);
    await rename(join(this.root, `${fileName}.partial`), target);
    await chmod(target, FILE_MODE);
    return { fileName, bytes: (await stat(target)).size };
  }

  async discardPartial(runId: string, format: LabelFormat): Promise<void> {
    await rm(join(this.root, `${this.fileName(runId, format)}.partial`), { force: true });
  }

  /** `fileName` comes from our own database row; it is still resolved under root so it can never escape it. */
  open(fileName: string): ReadStream {
    const path = resolve(this.root, fileName);
    if (!path.startsWith(`${this.root}/`)) throw new Error('label file outside storage');
    return createReadStream(path);
  }
}
