import { Controller, Get, Res } from '@nestjs/common';
import { NotFoundError } from '../common/errors/domain-errors';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { IdParam } from '../common/http/id-param';
import { message } from '../common/i18n/message';
import { ScanService } from './scan.service';

/**
 * The public resolver printed in every QR code (GS1 Digital Link `/01/…` and the short `/t/{serial}`) is
 * mounted on Fastify directly (ScanRoutes): it needs no guard, pipe or interceptor, and skipping Nest's
 * per-request pipeline roughly doubles what one core serves. Every consumer view of a label
 * (consumer-view.ts) counts as one scan; HEAD, linksets and `linkType` lookups never do.
 *
 * Here: the public records of a lot its labels link to (`gs1:certificationInfo`; the EPCIS document is
 * EpcisModule's), readable by any partner without an account, as the label advertises them.
 */
@ApiTags('public')
@Public()
@Controller('trace/lots')
export class ScanController {
  constructor(private readonly scans: ScanService) {}

  @Get(':id/certifications')
  @ApiOperation({ summary: "The certificates of a lot's growing area (gs1:certificationInfo): public, CORS, cacheable" })
  @ApiProduces('application/json')
  async certifications(@IdParam() id: string, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.scans.lotCertifications(id);
    if (!answer) throw new NotFoundError(message('trace.notFound'));
    await reply.status(answer.status).headers(answer.headers).send(answer.body);
  }
}
