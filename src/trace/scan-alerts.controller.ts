import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor';
import { CurrentActor, Roles } from '../common/auth/decorators';
import { InvalidInputError } from '../common/errors/domain-errors';
import { message } from '../common/i18n/message';
import { ClearScanAlertDto, ScanAlertResponse } from './dto/scan-alert.dto';
import { ScanAlertsService } from './scan-alerts.service';

function serialParam(serial: string): string {
  if (!/^[0-9A-Z]{1,20}$/.test(serial)) throw InvalidInputError.field('serial', message('trace.alertSerialFormat'));
  return serial;
}

/** A label's suspicious alarm, for its co-op: `GET` how far it went, `POST …/clear` a false one. */
@ApiTags('labels')
@ApiBearerAuth()
@Roles('admin', 'coop_manager')
@Controller('api/v1/labels')
export class ScanAlertsController {
  constructor(private readonly alerts: ScanAlertsService) {}

  /** Distinct networks in the window, the verdict they give, and every clearing (who, when, why). */
  @Get(':serial/scan-alert')
  get(@CurrentActor() actor: Actor, @Param('serial') serial: string): Promise<ScanAlertResponse> {
    return this.alerts.get(actor, serialParam(serial));
  }

  /** Clears a false alarm: recorded, and the label reads genuine until new distinct networks view it. */
  @Post(':serial/scan-alert/clear')
  @HttpCode(200)
  clear(@CurrentActor() actor: Actor, @Param('serial') serial: string, @Body() dto: ClearScanAlertDto): Promise<ScanAlertResponse> {
    return this.alerts.clear(actor, serialParam(serial), dto);
  }
}
