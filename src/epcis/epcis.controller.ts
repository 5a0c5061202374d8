import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor } from '../common/auth/decorators';
import { IdParam } from '../common/http/id-param';
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
  async epcisDocument(@CurrentActor() actor: Actor, @IdParam() id: string): Promise<string> {
    return JSON.stringify(await this.epcis.document(actor, id));
  }
}
