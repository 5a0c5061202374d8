import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Actor } from '../common/auth/actor';
import { assertOwnsHouseholdRecord, cooperativeScope } from '../common/auth/access-policy';
import { ConflictError, FieldProblem, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { Page } from '../common/http/pagination';
import { message, translate } from '../common/i18n/message';
import { createFingerprint, createOnce } from '../common/records/repeatable-create';
import { foldedLikePattern, foldForSearch } from '../common/text/search-fold';
import { certificateDateProblems } from './certification-rules';
import { printedField } from './cooperatives.service';
import {
  CertificationDto,
  CreatePlotDto,
  ListHouseholdPlotsQuery,
  ListPlotsQuery,
  PlotResponse,
  toPlotResponse,
  UpdatePlotDto,
} from './dto/plot.dto';
import { HouseholdsService } from './households.service';
import { PlotCertification } from './plot-certification.entity';
import { PlotCertificationsRepository } from './plot-certifications.repository';
import { Plot } from './plot.entity';
import { PlotsRepository } from './plots.repository';
import { RegistryUsage } from './registry-usage';
import { applyVersionedEdit, archiving, EditChanges } from './versioned-edit';

/** A 400 listing every bad field, in the reader's language. */
export function invalidFields(errors: FieldProblem[]): InvalidInputError {
  return new InvalidInputError((locale) => errors.map((e) => `${e.field}: ${translate(e.message, locale)}`).join('; '), { errors });
}

/**
 * A certificate as a person entered it. One entered by the co-op's manager or the province office is
 * verified by that person at once; one a farmer typed waits for them (issue 12, point 4).
 */
export function newCertification(
  actor: Actor,
  plotId: string,
  c: CertificationDto,
  now: Date,
  id: string = randomUUID(),
): PlotCertification {
  const verified = actor.role !== 'farmer';
  return Object.assign(new PlotCertification(), {
    id,
    plotId,
    scheme: c.scheme,
    number: c.number.trim(),
    issuer: c.issuer?.trim() || null,
    issuedAt: c.issuedAt ?? null,
    validUntil: c.validUntil,
    version: 1,
    createFingerprint: null,
    createdBy: actor.userId,
    verifiedBy: verified ? actor.userId : null,
    verifiedAt: verified ? now : null,
    revokedAt: null,
    revokedBy: null,
    revokedReason: null,
    createdAt: now,
    updatedAt: now,
  });
}

@Injectable()
export class PlotsService {
  constructor(
    private readonly plots: PlotsRepository,
    private readonly certifications: PlotCertificationsRepository,
    private readonly households: HouseholdsService,
    private readonly usage: RegistryUsage,
  ) {}

  /**
   * The plot and its certificates land together or not at all. A create repeated with the same client
   * `id` answers the same plot.
   */
  async create(actor: Actor, householdId: string, dto: CreatePlotDto): Promise<PlotResponse> {
    const household = await this.households.findAccessible(actor, householdId);
    const now = new Date();
    const problems = (dto.certifications ?? []).flatMap((c, i) =>
      certificateDateProblems({ scheme: c.scheme, issuedAt: c.issuedAt ?? null, validUntil: c.validUntil }, now, `certifications.${i}.`),
    );
    if (problems.length) throw invalidFields(problems);
    const fingerprint = createFingerprint({ householdId, ...dto });
    const code = dto.code.toUpperCase();
    try {
      const { record } = await createOnce({
        id: dto.id,
        fingerprint,
        find: async (id) => {
          const existing = await this.plots.findById(id);
          if (!existing) return null;
          assertOwnsHouseholdRecord(actor, existing);
          return { record: await this.present(existing), fingerprint: existing.createFingerprint };
        },
        create: async () => {
          if (household.archivedAt) throw new ConflictError(message('registry.householdArchived', { id: household.id }));
          const plot = Object.assign(new Plot(), {
            id: dto.id ?? randomUUID(),
            householdId: household.id,
            cooperativeId: household.cooperativeId,
            code,
            areaHa: dto.areaHa,
            latitude: dto.latitude,
            longitude: dto.longitude,
            crop: dto.crop.trim(),
            cropSearch: foldForSearch(dto.crop),
            version: 1,
            archivedAt: null,
            createFingerprint: dto.id ? fingerprint : null,
            createdAt: now,
            updatedAt: now,
          });
          const certifications = (dto.certifications ?? []).map((c) => newCertification(actor, plot.id, c, now));
          await this.plots.insertWithCertifications(plot, certifications);
          return toPlotResponse(plot, certifications, now);
        },
      });
      return record;
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(message('registry.plotCodeTaken', { code }));
      throw error;
    }
  }

  /** A household's plots, paged like every list. */
  async listForHousehold(actor: Actor, householdId: string, query: ListHouseholdPlotsQuery): Promise<Page<PlotResponse>> {
    await this.households.findAccessible(actor, householdId);
    return this.list(actor, { ...query, householdId });
  }

  /**
   * Plots with their certificates' status and expiry: a co-op's (the manager's own by default), a
   * farmer's own household's, or any for the province office.
   */
  async list(actor: Actor, query: ListPlotsQuery): Promise<Page<PlotResponse>> {
    let scope: { ownHouseholdId: string | null } | { cooperativeId?: string };
    if (actor.role === 'farmer') {
      scope = { ownHouseholdId: actor.householdId };
      if (query.cooperativeId) cooperativeScope(actor, query.cooperativeId);
    } else {
      scope = { cooperativeId: cooperativeScope(actor, query.cooperativeId) };
    }
    const page = await this.plots.list(
      {
        ...scope,
        householdId: query.householdId,
        includeArchived: query.includeArchived,
        codeOrCropLike: query.q ? foldedLikePattern(query.q) : undefined,
      },
      query,
    );
    const certifications = await this.certificationsOf(page.items.map((p) => p.id));
    const now = new Date();
    return { items: page.items.map((p) => toPlotResponse(p, certifications.get(p.id) ?? [], now)), nextCursor: page.nextCursor };
  }

  async get(actor: Actor, id: string): Promise<PlotResponse> {
    return this.present(await this.findAccessible(actor, id));
  }

  /** Corrects a plot. Its code is on the labels and EPCIS records of its batches: once printed, it stays (409). */
  update(actor: Actor, id: string, dto: UpdatePlotDto, ifMatch?: string): Promise<PlotResponse> {
    const code = dto.code?.toUpperCase();
    return this.edit(actor, id, ifMatch, async (current) => {
      const changes: QueryDeepPartialEntity<Plot> = {};
      if (code !== undefined && code !== current.code) {
        if (await this.usage.plotHasLabels(id)) throw printedField('code');
        changes.code = code;
      }
      for (const key of ['areaHa', 'latitude', 'longitude'] as const) {
        const value = dto[key];
        if (value !== undefined && value !== Number(current[key])) changes[key] = value;
      }
      if (dto.crop !== undefined && dto.crop.trim() !== current.crop) {
        changes.crop = dto.crop.trim();
        changes.cropSearch = foldForSearch(dto.crop);
      }
      return Object.keys(changes).length ? changes : null;
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new ConflictError(message('registry.plotCodeTaken', { code: code ?? '' }));
      throw error;
    });
  }

  /** An edit by someone who may see it, written onto the version it was decided on (see applyVersionedEdit). */
  private edit(actor: Actor, id: string, ifMatch: string | undefined, changes: EditChanges<Plot>): Promise<PlotResponse> {
    return applyVersionedEdit({
      repository: this.plots,
      ifMatch,
      load: () => this.findAccessible(actor, id),
      present: (plot) => this.present(plot),
      changes,
    });
  }

  /** Archives a plot none of whose batches has printed labels. */
  archive(actor: Actor, id: string, ifMatch?: string): Promise<PlotResponse> {
    const change = archiving(() => this.usage.plotHasLabels(id), 'registry.plotHasLabels');
    return this.edit(actor, id, ifMatch, change);
  }

  /** A plot by id with no access check: for a record that already names it (a batch's growing area). */
  findById(id: string): Promise<Plot | null> {
    return this.plots.findById(id);
  }

  async findAccessible(actor: Actor, id: string): Promise<Plot> {
    const plot = await this.plots.findById(id);
    if (!plot) throw NotFoundError.of('Plot', id);
    assertOwnsHouseholdRecord(actor, plot);
    return plot;
  }

  async certificationsOf(plotIds: string[]): Promise<Map<string, PlotCertification[]>> {
    const byPlot = new Map<string, PlotCertification[]>();
    const rows = await this.certifications.ofPlots(plotIds);
    for (const row of rows) byPlot.set(row.plotId, [...(byPlot.get(row.plotId) ?? []), row]);
    return byPlot;
  }

  private async present(plot: Plot): Promise<PlotResponse> {
    return toPlotResponse(plot, (await this.certificationsOf([plot.id])).get(plot.id) ?? []);
  }
}
