import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { uuidParam } from '../common/http/uuid-param';
import { EpcisService } from './epcis.service';

@ApiTags('batches')
@ApiBearerAuth()
@Controller('api/v1/batches')
export class EpcisController {
  constructor(private readonly epcis: EpcisService) {}

  /** EPCIS 2.0 JSON-LD of the batch's events (harvest as commissioning with lot master data, CBV steps, hash event ids). */
  @Get(':id/epcis')
  @Header('Content-Type', 'application/ld+json; charset=utf-8')
  @ApiProduces('application/ld+json')
  async epcisDocument(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<string> {
    return JSON.stringify(await this.epcis.document(actor, id));
  }
}
