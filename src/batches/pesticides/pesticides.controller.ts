import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InvalidInputError } from '../../common/errors/domain-errors';
import { negotiateLocale } from '../../common/i18n/locale';
import { message } from '../../common/i18n/message';
import { ListPesticidesQuery } from '../dto/safety.dto';
import type { PesticideListResponse } from '../batches.contract';
import { searchPesticides } from './pesticide-table';
import { PESTICIDE_SOURCE, PESTICIDE_TABLE_VERSION } from './pesticides.data';

/** The table of common plant-protection products and their pre-harvest intervals, for the app to cache. */
@ApiTags('food safety')
@ApiBearerAuth()
@Controller('api/v1/pesticides')
export class PesticidesController {
  /**
   * Products registered in Vietnam for lychee and longan with the pre-harvest interval on their labels;
   * `q` ignores case and diacritics. Values must be checked against the label of the product used.
   */
  @Get()
  list(
    @Query() query: ListPesticidesQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('accept-language') acceptLanguage?: string,
  ): PesticideListResponse {
    const matches = searchPesticides(query.crop, query.q);
    const offset = query.cursor === undefined ? 0 : Number(query.cursor);
    if (!/^\d{1,4}$/.test(query.cursor ?? '0')) throw InvalidInputError.field('cursor', message('http.cursorFormat'));
    const limit = query.limit ?? 50;
    // The table changes with a release, not a request: the app may keep it for a day.
    void reply.header('Cache-Control', 'private, max-age=86400');
    return {
      items: matches.slice(offset, offset + limit).map((p) => ({ ...p, crops: [...p.crops] })),
      nextCursor: offset + limit < matches.length ? String(offset + limit) : null,
      source: PESTICIDE_SOURCE[negotiateLocale(acceptLanguage)],
      version: PESTICIDE_TABLE_VERSION,
    };
  }
}
