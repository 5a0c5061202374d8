import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonalDataCipher } from '../common/crypto/personal-data-cipher';
import { CertificationsService } from './certifications.service';
import { Cooperative } from './cooperative.entity';
import { CooperativesController } from './cooperatives.controller';
import { CooperativesService } from './cooperatives.service';
import { HouseholdImportService } from './household-import.service';
import { Household } from './household.entity';
import { HouseholdsController } from './households.controller';
import { HouseholdsService } from './households.service';
import { PlotCertification } from './plot-certification.entity';
import { Plot } from './plot.entity';
import { PlotsController } from './plots.controller';
import { PlotsService } from './plots.service';
import { RegistryUsage } from './registry-usage';

/** Who grows what where: co-operatives, member households and their growing areas with certificates. */
@Module({
  imports: [TypeOrmModule.forFeature([Cooperative, Household, Plot, PlotCertification])],
  controllers: [CooperativesController, HouseholdsController, PlotsController],
  providers: [
    CooperativesService,
    HouseholdsService,
    HouseholdImportService,
    PlotsService,
    CertificationsService,
    RegistryUsage,
    PersonalDataCipher,
  ],
  exports: [CooperativesService, HouseholdsService, PlotsService],
})
export class RegistryModule {}
