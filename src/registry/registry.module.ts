import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PersonalDataCipher } from '../common/crypto/personal-data-cipher';
import { CertificationsService } from './certifications.service';
import { Cooperative } from './cooperative.entity';
import { CooperativesController } from './cooperatives.controller';
import { CooperativesRepository } from './cooperatives.repository';
import { CooperativesService } from './cooperatives.service';
import { HouseholdImportService } from './household-import.service';
import { Household } from './household.entity';
import { HouseholdsController } from './households.controller';
import { HouseholdsRepository } from './households.repository';
import { HouseholdsService } from './households.service';
import { PlotCertification } from './plot-certification.entity';
import { PlotCertificationsRepository } from './plot-certifications.repository';
import { Plot } from './plot.entity';
import { PlotsController } from './plots.controller';
import { PlotsRepository } from './plots.repository';
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
    CooperativesRepository,
    HouseholdsRepository,
    PlotsRepository,
    PlotCertificationsRepository,
  ],
  exports: [CooperativesService, HouseholdsService, PlotsService],
})
export class RegistryModule {}
