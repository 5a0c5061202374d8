import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { assertOwnsHouseholdRecord } from '../common/auth/access-policy';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { CreatePlotDto, PlotResponse, toPlotResponse } from './dto/plot.dto';
import { HouseholdsService } from './households.service';
import { PlotCertification } from './plot-certification.entity';
import { Plot } from './plot.entity';

@Injectable()
export class PlotsService {
  constructor(
    @InjectRepository(Plot) private readonly plots: Repository<Plot>,
    @InjectRepository(PlotCertification) private readonly certifications: Repository<PlotCertification>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly households: HouseholdsService,
  ) {}

  /** The plot and its certificates land together or not at all. */
  async create(actor: Actor, householdId: string, dto: CreatePlotDto): Promise<PlotResponse> {
    const household = await this.households.findAccessible(actor, householdId);
    const now = new Date();
    const plot = this.plots.create({
      id: randomUUID(),
      householdId: household.id,
      cooperativeId: household.cooperativeId,
      code: dto.code.toUpperCase(),
      areaHa: dto.areaHa,
      latitude: dto.latitude,
      longitude: dto.longitude,
      crop: dto.crop.trim(),
      createdAt: now,
      updatedAt: now,
    });
    const certifications = (dto.certifications ?? []).map((c) =>
      this.certifications.create({
        id: randomUUID(),
        plotId: plot.id,
        scheme: c.scheme,
        number: c.number.trim(),
        issuer: c.issuer?.trim() || null,
        validUntil: c.validUntil,
        createdAt: now,
        updatedAt: now,
      }),
    );
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(Plot, plot);
        if (certifications.length) await manager.insert(PlotCertification, certifications);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`The planting-area code ${plot.code} is already registered`);
      throw error;
    }
    return toPlotResponse(plot, certifications);
  }

  async listForHousehold(actor: Actor, householdId: string): Promise<PlotResponse[]> {
    await this.households.findAccessible(actor, householdId);
    const plots = await this.plots.find({ where: { householdId }, order: { createdAt: 'ASC' } });
    const certifications = await this.certificationsOf(plots.map((p) => p.id));
    return plots.map((p) => toPlotResponse(p, certifications.get(p.id) ?? []));
  }

  async get(actor: Actor, id: string): Promise<PlotResponse> {
    const plot = await this.findAccessible(actor, id);
    return toPlotResponse(plot, (await this.certificationsOf([plot.id])).get(plot.id) ?? []);
  }

  async findAccessible(actor: Actor, id: string): Promise<Plot> {
    const plot = await this.plots.findOne({ where: { id } });
    if (!plot) throw NotFoundError.of('Plot', id);
    assertOwnsHouseholdRecord(actor, plot);
    return plot;
  }

  async certificationsOf(plotIds: string[]): Promise<Map<string, PlotCertification[]>> {
    const byPlot = new Map<string, PlotCertification[]>();
    if (!plotIds.length) return byPlot;
    const rows = await this.certifications.find({ where: { plotId: In(plotIds) }, order: { validUntil: 'DESC' } });
    for (const row of rows) byPlot.set(row.plotId, [...(byPlot.get(row.plotId) ?? []), row]);
    return byPlot;
  }
}
