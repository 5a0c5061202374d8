import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { InvalidInputError } from '../common/errors/domain-errors';
import { Page } from '../common/http/pagination';
import { shortDomain } from './serials/digital-link';
import { LabelImageQuery, LabelResponse, ListLabelsQuery, VoidLabelsDto } from './dto/label.dto';
import { LabelsService } from './labels.service';
import { labelPng, labelSvg } from './rendering/label-image';
import { labelTemplateText } from './rendering/label-template';
import { ServerConfig } from '../config/sections';
import { message } from '../common/i18n/message';

@ApiTags('labels')
@ApiBearerAuth()
@Controller('api/v1/labels')
export class LabelsController {
  constructor(
    private readonly labels: LabelsService,
    private readonly server: ServerConfig,
  ) {}

  /** Labels of a batch (`?batchId=`) or of a run (`?labelRunId=`), with their status and scan count. */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: ListLabelsQuery): Promise<Page<LabelResponse>> {
    return this.labels.list(actor, query);
  }

  /** Voids serials, or every label of a run (a misprinted sheet). */
  @Roles('admin', 'coop_manager')
  @Post('void')
  @HttpCode(200)
  void(@CurrentActor() actor: Actor, @Body() dto: VoidLabelsDto): Promise<{ voided: number }> {
    return this.labels.void(actor, dto);
  }

  /** One label as an image (`?format=png`, the default, or `svg`), e.g. to reprint a single damaged label. */
  @Get(':serial/image')
  @ApiProduces('image/png', 'image/svg+xml')
  async image(
    @CurrentActor() actor: Actor,
    @Param('serial') serial: string,
    @Query() query: LabelImageQuery,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!/^[0-9A-Z]{1,20}$/.test(serial)) throw InvalidInputError.field('serial', message('labels.serialFormat'));
    const { label, batch, product, cooperative, url } = await this.labels.context(actor, serial);
    const svg = labelSvg(
      url,
      label.serial,
      labelTemplateText({ product, batch, cooperative, domain: shortDomain(this.server.PUBLIC_BASE_URL) }),
    );
    if (query.format === 'svg') {
      await reply.header('content-type', 'image/svg+xml; charset=utf-8').send(svg);
      return;
    }
    await reply.header('content-type', 'image/png').send(await labelPng(svg));
  }
}
