import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Page } from '../common/http/pagination';
import { uuidParam } from '../common/http/uuid-param';
import { CertificationsService } from './certifications.service';
import {
  CertificationResponse,
  CreateCertificationDto,
  ListPlotsQuery,
  PlotResponse,
  UpdateCertificationDto,
  UpdatePlotDto,
} from './dto/plot.dto';
import { PlotsService } from './plots.service';
import { IF_MATCH_HEADER, withEtag } from './versioned-edit';

@ApiTags('registry')
@ApiBearerAuth()
@Controller('api/v1/plots')
export class PlotsController {
  constructor(
    private readonly plots: PlotsService,
    private readonly certifications: CertificationsService,
  ) {}

  /**
   * Plots with their certificates' status and expiry, paged: a co-operative's (a manager's own by
   * default), a farmer's own household's. `q` matches the code or crop without regard to case or
   * diacritics; archived plots only with `includeArchived=true`.
   */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListPlotsQuery): Promise<Page<PlotResponse>> {
    return this.plots.list(actor, query);
  }

  @Get(':id')
  async get(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlotResponse> {
    return withEtag(reply, await this.plots.get(actor, id));
  }

  /** Corrects a plot; its code is refused (409) once labels of a batch from it are printed. */
  @Patch(':id')
  @ApiHeader(IF_MATCH_HEADER)
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdatePlotDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlotResponse> {
    return withEtag(reply, await this.plots.update(actor, id, dto, ifMatch));
  }

  /** Archives a plot none of whose batches has printed labels (409 otherwise). */
  @Delete(':id')
  @ApiHeader(IF_MATCH_HEADER)
  async archive(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlotResponse> {
    return withEtag(reply, await this.plots.archive(actor, id, ifMatch));
  }

  /**
   * Adds a certificate to the plot, checked against its scheme (VietGAP at most 2 years, GlobalG.A.P.
   * 1 year). A farmer's certificate is `unverified` until a manager or the province office verifies
   * it. A client-made `id` makes the create safe to repeat.
   */
  @Post(':id/certifications')
  async addCertification(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: CreateCertificationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CertificationResponse> {
    return withEtag(reply, await this.certifications.add(actor, id, dto));
  }

  /** Renews (new number, dates) or revokes (`{ revoked: true, reason }`) a certificate. */
  @Patch(':id/certifications/:certificationId')
  @ApiHeader(IF_MATCH_HEADER)
  async updateCertification(
    @CurrentActor() actor: Actor,
    // One name per path position: Fastify's router keeps a single parameter name for `/plots/:id`.
    @Param('id', uuidParam('id')) plotId: string,
    @Param('certificationId', uuidParam('certificationId')) id: string,
    @Body() dto: UpdateCertificationDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CertificationResponse> {
    return withEtag(reply, await this.certifications.update(actor, plotId, id, dto, ifMatch));
  }

  /** Records that a manager of the plot's co-op, or the province office, has checked the certificate. */
  @Roles('admin', 'coop_manager')
  @Post(':id/certifications/:certificationId/verify')
  @HttpCode(200)
  @ApiHeader(IF_MATCH_HEADER)
  async verifyCertification(
    @CurrentActor() actor: Actor,
    // One name per path position: Fastify's router keeps a single parameter name for `/plots/:id`.
    @Param('id', uuidParam('id')) plotId: string,
    @Param('certificationId', uuidParam('certificationId')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CertificationResponse> {
    return withEtag(reply, await this.certifications.verify(actor, plotId, id, ifMatch));
  }
}
