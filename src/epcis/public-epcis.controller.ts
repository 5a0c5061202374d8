import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { NotFoundError } from '../common/errors/domain-errors';
import { IdParam } from '../common/http/id-param';
import { message } from '../common/i18n/message';
import { EpcisService } from './epcis.service';

/** The public trace of a lot, as its labels advertise it (`gs1:traceability`): no account, CORS, cacheable. */
@ApiTags('public')
@Public()
@Controller('trace/lots')
export class PublicEpcisController {
  constructor(private readonly epcis: EpcisService) {}

  @Get(':id/epcis')
  @ApiOperation({
    summary: "A lot's privacy-filtered EPCIS 2.0 document (events, places, certificates; no names, phones, notes or buyers)",
  })
  @ApiProduces('application/ld+json')
  async lot(@IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const document = await this.epcis.publicDocument(id);
    if (!document) throw new NotFoundError(message('trace.notFound'));
    await reply
      .status(200)
      .header('content-type', 'application/ld+json; charset=utf-8')
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=300')
      .send(JSON.stringify(document));
  }
}
