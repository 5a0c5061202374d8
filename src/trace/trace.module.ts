import { Module } from '@nestjs/common';
import { LabelsModule } from '../labels/labels.module';
import { ScanAlertsController } from './scan-alerts.controller';
import { ScanAlertsService } from './scan-alerts.service';
import { ScanDaysRepository } from './scan-days.repository';
import { ScanRecorder } from './scan-recorder.service';
import { ScanResponder } from './scan-responder';
import { ScanRoutes } from './scan-routes';
import { ScanController } from './scan.controller';
import { ScanService } from './scan.service';
import { TraceCache } from './trace-cache.service';
import { TraceReadModel } from './trace.repository';

/** The consumer side: the public resolver and trace page, scan counting, the counterfeit verdicts and clearing false alarms. */
@Module({
  imports: [LabelsModule],
  controllers: [ScanController, ScanAlertsController],
  providers: [ScanService, TraceCache, TraceReadModel, ScanDaysRepository, ScanRecorder, ScanResponder, ScanRoutes, ScanAlertsService],
  exports: [TraceCache, ScanRecorder],
})
export class TraceModule {}
