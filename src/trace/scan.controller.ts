import { Controller, Get, HttpCode, Options, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/auth/decorators';
import { problemType } from '../common/errors/problem-details.filter';
import { pickLanguage } from './i18n';
import { parseDigitalLinkPath, ScanAnswer, ScanService } from './scan.service';

interface ScanQuery {
  lang?: string;
  format?: string;
  linkType?: string;
}

type ScanRequestType = FastifyRequest<{ Params: { gtin?: string; lot?: string; serial?: string }; Querystring: ScanQuery }>;

function wantsJson(request: FastifyRequest, query: ScanQuery): boolean {
  if (query.format === 'json') return true;
  if (query.format === 'html') return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/**
 * The public resolver printed in every QR code (GS1 Digital Link): `/01/{gtin}/10/{lot}/21/{serial}`,
 * the short `/t/{serial}`, and `/01/{gtin}/10/{lot}` for the batch. No login; CORS open; every GET of
 * a label counts as one scan. HEAD is answered by Fastify through the GET handlers (same headers, no
 * body) and is not counted.
 */
@ApiTags('public')
@Public()
@Controller()
export class ScanController {
  constructor(private readonly scans: ScanService) {}

  @Get('01/:gtin/10/:lot/21/:serial')
  @ApiOperation({ summary: 'Resolve a label (GS1 Digital Link): verdict, origin, certificates and history; HTML or JSON' })
  @ApiProduces('text/html', 'application/json')
  @ApiParam({ name: 'gtin' })
  @ApiParam({ name: 'lot' })
  @ApiParam({ name: 'serial' })
  @ApiQuery({ name: 'lang', required: false, enum: ['vi', 'en'] })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html'] })
  digitalLink(@Req() request: ScanRequestType, @Res() reply: FastifyReply): Promise<void> {
    // Parameters are read from the request rather than through @Param/@Query: this is the busiest
    // route of the service and each parameter pipe costs time on every scan.
    const { gtin, lot, serial } = request.params;
    return this.resolve(gtin ?? null, lot ?? null, serial ?? '', request.query, request, reply);
  }

  @Get('t/:serial')
  @ApiOperation({ summary: 'Resolve a label of a product without GTIN (short form)' })
  @ApiProduces('text/html', 'application/json')
  short(
    @Param('serial') serial: string,
    @Query() query: ScanQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.resolve(null, null, serial, query, request, reply);
  }

  @Get('01/:gtin/10/:lot')
  @ApiOperation({ summary: 'The batch page (a Digital Link without serial walks up to its lot); no verdict, not counted' })
  @ApiProduces('text/html', 'application/json')
  async batch(
    @Param('gtin') gtin: string,
    @Param('lot') lot: string,
    @Query() query: ScanQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const json = wantsJson(request, query);
    const parsed = parseDigitalLinkPath(gtin, lot, 'X');
    if (typeof parsed === 'string') return this.malformed(reply, request, parsed);
    if (query.linkType === 'gs1:certificationInfo') return this.certificationInfo(reply, parsed.gtin, parsed.lot, null);
    const lang = pickLanguage(query.lang, request.headers['accept-language']);
    await this.send(reply, await this.scans.batchPage(parsed.gtin!, parsed.lot!, json, lang, request.url.split('?')[0]));
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

  private async resolve(
    gtin: string | null,
    lot: string | null,
    serial: string,
    query: ScanQuery,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    const parsed = parseDigitalLinkPath(gtin, lot, serial);
    if (typeof parsed === 'string') return this.malformed(reply, request, parsed);
    const retryAfter = this.scans.rateLimit(request.ip);
    if (retryAfter) {
      await reply
        .status(429)
        .header('retry-after', String(retryAfter))
        .header('access-control-allow-origin', '*')
        .header('content-type', 'application/problem+json; charset=utf-8')
        .send(
          JSON.stringify({
            type: problemType(429),
            title: 'Too many requests',
            status: 429,
            detail: `Too many scans from this address; retry in ${retryAfter} s`,
          }),
        );
      return;
    }
    if (query.linkType === 'gs1:certificationInfo') return this.certificationInfo(reply, parsed.gtin, parsed.lot, parsed.serial);
    const json = wantsJson(request, query);
    const answer = await this.scans.scan({
      ...parsed,
      count: request.method === 'GET',
      client: request.ip,
      json,
      lang: pickLanguage(query.lang, request.headers['accept-language']),
      path: request.url.split('?')[0],
    });
    await this.send(reply, answer);
  }

  private async certificationInfo(reply: FastifyReply, gtin: string | null, lot: string | null, serial: string | null): Promise<void> {
    const answer = await this.scans.certificationInfo(gtin, lot, serial);
    await this.send(
      reply,
      answer ?? {
        status: 404,
        headers: { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' },
        body: '{"verdict":"unknown"}',
      },
    );
  }

  private async send(reply: FastifyReply, answer: ScanAnswer): Promise<void> {
    await reply.status(answer.status).headers(answer.headers).send(answer.body);
  }

  /** GS1 Digital Link: a malformed URI is a 400, never a 200 with an error inside. */
  private async malformed(reply: FastifyReply, request: FastifyRequest, detail: string): Promise<void> {
    await reply
      .status(400)
      .header('access-control-allow-origin', '*')
      .header('content-type', 'application/problem+json; charset=utf-8')
      .send(
        JSON.stringify({
          type: problemType(400),
          title: 'Malformed Digital Link',
          status: 400,
          detail,
          instance: request.url.split('?')[0],
        }),
      );
  }
}
