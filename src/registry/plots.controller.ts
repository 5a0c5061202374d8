import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { Page } from '../common/http/pagination';
import { EditsVersion, IfMatch, SendsEtag } from '../common/records/versioned-route';
import { IdParam } from '../common/http/id-param';
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
  @SendsEtag()
  get(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<PlotResponse> {
    return this.plots.get(actor, id);
  }

  /** Corrects a plot; its code is refused (409) once labels of a batch from it are printed. */
  @Patch(':id')
  @EditsVersion()
  update(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() dto: UpdatePlotDto,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<PlotResponse> {
    return this.plots.update(actor, id, dto, ifMatch);
  }

  /** Archives a plot none of whose batches has printed labels (409 otherwise). */
  @Delete(':id')
  @EditsVersion()
  archive(@CurrentActor() actor: Actor, @IdParam() id: string, @IfMatch() ifMatch: string | undefined): Promise<PlotResponse> {
    return this.plots.archive(actor, id, ifMatch);
  }

  /**
   * Adds a certificate to the plot, checked against its scheme (VietGAP at most 2 years, GlobalG.A.P.
   * 1 year). A farmer's certificate is `unverified` until a manager or the province office verifies
   * it. A client-made `id` makes the create safe to repeat.
   */
  @Post(':id/certifications')
  @SendsEtag()
  addCertification(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Body() dto: CreateCertificationDto,
  ): Promise<CertificationResponse> {
    return this.certifications.add(actor, id, dto);
  }

  /** Renews (new number, dates) or revokes (`{ revoked: true, reason }`) a certificate. */
  @Patch(':id/certifications/:certificationId')
  @EditsVersion()
  updateCertification(
    @CurrentActor() actor: Actor,
    // One name per path position: Fastify's router keeps a single parameter name for `/plots/:id`.
    @IdParam() plotId: string,
    @IdParam('certificationId') id: string,
    @Body() dto: UpdateCertificationDto,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<CertificationResponse> {
    return this.certifications.update(actor, plotId, id, dto, ifMatch);
  }

  /** Records that a manager of the plot's co-op, or the province office, has checked the certificate. */
  @Roles('admin', 'coop_manager')
  @Post(':id/certifications/:certificationId/verify')
  @HttpCode(200)
  @EditsVersion()
  verifyCertification(
    @CurrentActor() actor: Actor,
    // One name per path position: Fastify's router keeps a single parameter name for `/plots/:id`.
    @IdParam() plotId: string,
    @IdParam('certificationId') id: string,
    @IfMatch() ifMatch: string | undefined,
  ): Promise<CertificationResponse> {
    return this.certifications.verify(actor, plotId, id, ifMatch);
  }
}
