import { Module } from '@nestjs/common';
import { LabelsModule } from '../labels/labels.module';
import { ScanRecorder } from './scan-recorder.service';
import { ScanResponder } from './scan-responder';
import { ScanRoutes } from './scan-routes';
import { ScanController } from './scan.controller';
import { ScanService } from './scan.service';
import { TraceCache } from './trace-cache.service';

/** The consumer side: the public resolver and trace page, scan counting and the counterfeit verdicts. */
@Module({
  imports: [LabelsModule],
  controllers: [ScanController],
  providers: [ScanService, TraceCache, ScanRecorder, ScanResponder, ScanRoutes],
  exports: [TraceCache, ScanRecorder],
})
export class TraceModule {}
