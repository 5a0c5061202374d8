import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../common/auth/actor';
import type { Page } from '../common/http/pagination';
import { createFingerprint, createOnce, withFingerprint } from '../common/records/repeatable-create';
import { PlotsService } from '../registry/plots.service';
import { BatchesService } from './batches.service';
import { CreatePlotActivityDto, ListPlotActivitiesQuery, PlotActivityResponse } from './dto/plot-activity.dto';
import { validateEventDetails } from './event-details';
import { PlotActivity } from './plot-activity.entity';
import { PlotActivitiesRepository } from './plot-activities.repository';
import { parseRecordedTime } from './recorded-time';

export function toPlotActivityResponse(a: PlotActivity): PlotActivityResponse {
  return {
    id: a.id,
    plotId: a.plotId,
    activity: a.activity,
    occurredAt: a.occurredAt.toISOString(),
    details: a.details,
    recordedAt: a.createdAt.toISOString(),
  };
}

/** The plot's field diary: who may write is who may see the plot (its farmer, its co-op, the province office). */
@Injectable()
export class PlotActivitiesService {
  constructor(
    private readonly activities: PlotActivitiesRepository,
    private readonly plots: PlotsService,
    private readonly batches: BatchesService,
  ) {}

  async create(actor: Actor, plotId: string, dto: CreatePlotActivityDto): Promise<PlotActivityResponse> {
    const plot = await this.plots.findAccessible(actor, plotId);
    // Only a spraying has step-specific rules (a pesticide, its interval); the batch diary's check serves both.
    const details = validateEventDetails(dto.activity === 'spraying' ? 'spraying' : 'fertilizing', dto.details);
    const occurredAt = parseRecordedTime('occurredAt', dto.occurredAt);
    const fingerprint = createFingerprint({ ...dto, id: undefined, plotId: plot.id });
    const { record } = await createOnce<PlotActivity>({
      id: dto.id,
      fingerprint,
      find: async (id) => withFingerprint(await this.activities.findById(id)),
      create: async () => {
        const now = new Date();
        const activity = Object.assign(new PlotActivity(), {
          id: dto.id ?? randomUUID(),
          plotId: plot.id,
          activity: dto.activity,
          occurredAt,
          details,
          recordedBy: actor.userId,
          createFingerprint: fingerprint,
          createdAt: now,
          updatedAt: now,
        });
        let changed: string[] = [];
        await this.activities.transaction(async (manager) => {
          const scope = await this.batches.lockSafetyScope(manager, { ids: [], plotIds: [plot.id] });
          await this.activities.insert(manager, activity);
          // A back-dated spraying can put batches already harvested from the plot on hold.
          if (activity.activity === 'spraying') changed = await this.batches.refreshSafety(manager, scope);
        });
        await this.batches.notifyChanged(changed);
        return activity;
      },
    });
    return toPlotActivityResponse(record);
  }

  async list(actor: Actor, plotId: string, query: ListPlotActivitiesQuery): Promise<Page<PlotActivityResponse>> {
    const plot = await this.plots.findAccessible(actor, plotId);
    const page = await this.activities.ofPlot(plot.id, query);
    return { items: page.items.map(toPlotActivityResponse), nextCursor: page.nextCursor };
  }
}
