import { Injectable } from '@nestjs/common';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Actor } from '../common/auth/actor';
import { assertManagesCooperative } from '../common/auth/access-policy';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import { createFingerprint, createOnce } from '../common/records/repeatable-create';
import { certificateDateProblems } from './certification-rules';
import { CertificationResponse, CreateCertificationDto, toCertificationResponse, UpdateCertificationDto } from './dto/plot.dto';
import { PlotCertification } from './plot-certification.entity';
import { PlotCertificationsRepository } from './plot-certifications.repository';
import { Plot } from './plot.entity';
import { invalidFields, newCertification, PlotsService } from './plots.service';
import { applyVersionedEdit } from './versioned-edit';

/** A plot's certificates: added, renewed, revoked and verified, each change on the version it was decided on. */
@Injectable()
export class CertificationsService {
  constructor(
    private readonly certifications: PlotCertificationsRepository,
    private readonly plots: PlotsService,
  ) {}

  /** Adds a certificate; a create repeated with the same client `id` answers the same certificate. */
  async add(actor: Actor, plotId: string, dto: CreateCertificationDto): Promise<CertificationResponse> {
    const plot = await this.plots.findAccessible(actor, plotId);
    const now = new Date();
    const problems = certificateDateProblems({ scheme: dto.scheme, issuedAt: dto.issuedAt ?? null, validUntil: dto.validUntil }, now);
    if (problems.length) throw invalidFields(problems);
    const fingerprint = createFingerprint({ plotId, ...dto });
    const { record } = await createOnce({
      id: dto.id,
      fingerprint,
      find: async (id) => {
        const existing = await this.certifications.findById(id);
        if (!existing) return null;
        // The same id on another plot is another body.
        return { record: toCertificationResponse(existing), fingerprint: existing.plotId === plotId ? existing.createFingerprint : null };
      },
      create: async () => {
        if (plot.archivedAt) throw new ConflictError(message('registry.plotArchived', { id: plot.id }));
        const certification = newCertification(actor, plot.id, dto, now, dto.id);
        if (dto.id) certification.createFingerprint = fingerprint;
        await this.certifications.insert(certification);
        return toCertificationResponse(certification, now);
      },
    });
    return record;
  }

  /**
   * Renews (number, dates, issuer) or revokes (`revoked: true` with a reason) a certificate. A renewal
   * is checked against the scheme again, and is verified only when a manager or the province office
   * makes it; a revoked certificate stays revoked.
   */
  update(actor: Actor, plotId: string, id: string, dto: UpdateCertificationDto, ifMatch?: string): Promise<CertificationResponse> {
    const renewal = dto.number !== undefined || dto.issuer !== undefined || dto.issuedAt !== undefined || dto.validUntil !== undefined;
    if (dto.revoked) {
      if (!dto.reason) throw InvalidInputError.field('reason', message('registry.revokeReasonRequired'));
      if (renewal) throw InvalidInputError.field('revoked', message('registry.revokeAlone'));
    }
    return applyVersionedEdit({
      repository: this.certifications,
      ifMatch,
      load: async () => (await this.load(actor, plotId, id)).certification,
      present: (c) => toCertificationResponse(c),
      changes: (current) => {
        const now = new Date();
        if (dto.revoked) {
          if (current.revokedAt) return Promise.resolve(null);
          return Promise.resolve({ revokedAt: now, revokedBy: actor.userId, revokedReason: dto.reason!.trim() });
        }
        if (current.revokedAt) throw new ConflictError(message('registry.certificationRevoked', { id }));
        const next = {
          number: dto.number?.trim() ?? current.number,
          issuer: dto.issuer === undefined ? current.issuer : dto.issuer?.trim() || null,
          issuedAt: dto.issuedAt === undefined ? current.issuedAt : dto.issuedAt,
          validUntil: dto.validUntil ?? current.validUntil,
        };
        const changed = (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== current[k]);
        if (!changed) return Promise.resolve(null);
        const problems = certificateDateProblems({ scheme: current.scheme, issuedAt: next.issuedAt, validUntil: next.validUntil }, now);
        if (problems.length) throw invalidFields(problems);
        const verified = actor.role !== 'farmer';
        const changes: QueryDeepPartialEntity<PlotCertification> = {
          ...next,
          verifiedBy: verified ? actor.userId : null,
          verifiedAt: verified ? now : null,
        };
        return Promise.resolve(changes);
      },
    });
  }

  /**
   * A co-op manager (the plot's co-op) or the province office vouches for a certificate a farmer
   * entered: who and when are recorded. Verifying a verified certificate changes nothing.
   */
  verify(actor: Actor, plotId: string, id: string, ifMatch?: string): Promise<CertificationResponse> {
    return applyVersionedEdit({
      repository: this.certifications,
      ifMatch,
      load: async () => {
        const { plot, certification } = await this.load(actor, plotId, id);
        if (actor.role === 'farmer') throw new ForbiddenError(message('registry.verifyManagersOnly'));
        assertManagesCooperative(actor, plot.cooperativeId);
        return certification;
      },
      present: (c) => toCertificationResponse(c),
      changes: (current) => {
        if (current.revokedAt) throw new ConflictError(message('registry.certificationRevoked', { id }));
        if (current.verifiedAt) return Promise.resolve(null);
        return Promise.resolve({ verifiedBy: actor.userId, verifiedAt: new Date() });
      },
    });
  }

  private async load(actor: Actor, plotId: string, id: string): Promise<{ plot: Plot; certification: PlotCertification }> {
    const plot = await this.plots.findAccessible(actor, plotId);
    const certification = await this.certifications.findById(id, plotId);
    if (!certification) throw NotFoundError.of('Certification', id);
    return { plot, certification };
  }
}
