import { Module } from '@nestjs/common';
import { CatalogModule } from '@masks/catalog';
import { OrganisationsModule } from '@masks/organisations';
import { CertificationsService } from './certifications.service';
import { CertificationDecisionsService } from './decisions.service';
import { CertificationMonitoringService } from './monitoring.service';
import { CertifiedSuppliersService } from './certified-suppliers.service';
import { CertifiedSuppliersController } from './certified-suppliers.controller';
import { CertificationMonitoringResolver, CertificationResolver } from './certification.resolver';
import { DocumentStorage, LocalDiskDocumentStorage } from './documents/document-storage';
import { CertificationDocumentsService } from './documents/documents.service';
import { CertificationDocumentsController } from './documents/documents.controller';
import { CertificationProcessor } from './certification.processor';
import { CertificationDemoData } from './demo-data';

/** The API side: evidence, documents, DGE decisions, monitoring and the public list. */
@Module({
  imports: [OrganisationsModule, CatalogModule],
  controllers: [CertificationDocumentsController, CertifiedSuppliersController],
  providers: [
    CertificationsService,
    CertificationDecisionsService,
    CertificationMonitoringService,
    CertifiedSuppliersService,
    CertificationDocumentsService,
    { provide: DocumentStorage, useClass: LocalDiskDocumentStorage },
    CertificationResolver,
    CertificationMonitoringResolver,
    CertificationDemoData,
  ],
  exports: [CertificationDemoData],
})
export class CertificationModule {}

/** The worker side: the withdrawal cascade and the expiry schedule. */
@Module({
  providers: [CertificationDecisionsService, CertificationProcessor],
})
export class CertificationJobsModule {}
