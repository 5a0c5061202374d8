import { Controller, Get, HttpCode, Options, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { ScanResponder } from './scan-responder';
import type { ScanRequestType } from './scan-responder';

/**
 * The public resolver printed in every QR code (GS1 Digital Link): `/01/{gtin}/10/{lot}/21/{serial}`,
 * the short `/t/{serial}`, and `/01/{gtin}/10/{lot}` for the batch. No login; CORS open; every consumer
 * view of a label (consumer-view.ts: a GET that is no link preview, crawler, prefetch or link lookup)
 * counts as one scan. HEAD is answered by Fastify through the GET handlers (same headers, no body) and
 * is not counted.
 *
 * The two label routes are the busiest of the service and are mounted on Fastify directly (ScanRoutes):
 * they need no guard, pipe or interceptor, and skipping Nest's per-request pipeline roughly doubles
 * what one core serves. The batch page and CORS preflight stay ordinary Nest routes.
 */
@ApiTags('public')
@Public()
@Controller()
export class ScanController {
  constructor(private readonly responder: ScanResponder) {}

  @Get('01/:gtin/10/:lot')
  @ApiOperation({ summary: 'The batch page (a Digital Link without serial walks up to its lot); no verdict, not counted' })
  @ApiProduces('text/html', 'application/json')
  @ApiParam({ name: 'gtin', description: 'GTIN-8, -12, -13 or -14' })
  @ApiParam({ name: 'lot', description: 'Lot code (GS1 AI 10)' })
  @ApiQuery({ name: 'lang', required: false, enum: ['vi', 'en'] })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  @ApiQuery({ name: 'linkType', required: false, enum: ['gs1:certificationInfo'] })
  @ApiQuery({ name: 'serial', required: false, description: "A serial typed into the page's form: 303 to that label's page" })
  batch(@Req() request: ScanRequestType, @Res() reply: FastifyReply): Promise<void> {
    return this.responder.batch(request, reply);
  }

  @Options(['01/:gtin/10/:lot/21/:serial', 't/:serial', '01/:gtin/10/:lot'])
  @HttpCode(204)
  @ApiExcludeEndpoint()
  preflight(@Res() reply: FastifyReply): void {
    void reply
      .status(204)
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', 'Accept, Accept-Language')
      .header('access-control-max-age', '86400')
      .send();
  }
}
