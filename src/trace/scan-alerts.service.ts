import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative } from '../common/auth/access-policy';
import { NotFoundError } from '../common/errors/domain-errors';
import { ScanConfig } from '../config/sections';
import type { Label } from '../labels/label.entity';
import { LabelsService } from '../labels/labels.service';
import { ChangeNotices } from '../redis/change-notices';
import { ClearScanAlertDto, ScanAlertResponse } from './dto/scan-alert.dto';
import { ScanAlertClearance } from './scan-alert-clearance.entity';
import { ScanRecorder } from './scan-recorder.service';
import { TraceCache } from './trace-cache.service';
import { decideVerdict } from './verdict';

/** The co-op's side of the suspicious verdict: how far an alarm has gone, and clearing a false one. */
@Injectable()
export class ScanAlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly labelsService: LabelsService,
    private readonly recorder: ScanRecorder,
    private readonly cache: TraceCache,
    private readonly notices: ChangeNotices,
    private readonly scanConfig: ScanConfig,
  ) {}

  async get(actor: Actor, serial: string): Promise<ScanAlertResponse> {
    return this.answer(await this.managedLabel(actor, serial));
  }

  /** Records who cleared the alarm, when and why; the label counts networks from zero again, in every process. */
  async clear(actor: Actor, serial: string, dto: ClearScanAlertDto): Promise<ScanAlertResponse> {
    const label = await this.managedLabel(actor, serial);
    const clearances = this.dataSource.getRepository(ScanAlertClearance);
    const previous = await clearances.findOne({ where: { serial }, order: { clearedAt: 'DESC' } });
    const networks = await this.recorder.sharedNetworksInWindow(serial, previous?.clearedAt.getTime() ?? 0);
    await clearances.insert({
      id: randomUUID(),
      labelId: label.id,
      serial,
      cooperativeId: label.cooperativeId,
      clearedBy: actor.userId,
      clearedAt: new Date(),
      reason: dto.reason,
      networksInWindow: networks,
    });
    await this.notices.publish({ kind: 'labels', serials: [serial] });
    return this.answer(label);
  }

  private async managedLabel(actor: Actor, serial: string): Promise<Label> {
    const label = await this.labelsService.findBySerial(serial);
    if (!label) throw NotFoundError.of('Label', serial);
    assertManagesCooperative(actor, label.cooperativeId);
    return label;
  }

  private async answer(label: Label): Promise<ScanAlertResponse> {
    const clearances = await this.dataSource
      .getRepository(ScanAlertClearance)
      .find({ where: { serial: label.serial }, order: { clearedAt: 'DESC' }, take: 100 });
    const networks = await this.recorder.sharedNetworksInWindow(label.serial, clearances[0]?.clearedAt.getTime() ?? 0);
    const view = await this.cache.view(label.batchId);
    const verdict = decideVerdict(
      { labelStatus: label.status, batchRecalled: view?.recalled ?? false, networksInWindow: networks },
      { suspiciousNetworks: this.scanConfig.SCAN_SUSPICIOUS_NETWORKS },
    ) as ScanAlertResponse['verdict'];
    return {
      serial: label.serial,
      verdict,
      networksInWindow: networks,
      suspiciousAbove: this.scanConfig.SCAN_SUSPICIOUS_NETWORKS,
      windowHours: this.scanConfig.SCAN_WINDOW_HOURS,
      scanCount: label.scanCount,
      clearances: clearances.map((c) => ({
        id: c.id,
        clearedAt: c.clearedAt.toISOString(),
        clearedBy: c.clearedBy,
        reason: c.reason,
        networksInWindow: c.networksInWindow,
      })),
    };
  }
}
