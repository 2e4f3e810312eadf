import { Module } from '@nestjs/common';
import {
  CoreModule,
  NotificationProcessor,
  OutboxRelay,
  RecipientDirectory,
  WorkerMetricsServer,
} from '@masks/core';
import { UserRecipientDirectory } from '@masks/organisations';
import { CertificationFollowUp, CertificationJobsModule } from '@masks/certification';
import { OrdersModule } from '@masks/orders';
import { PaymentGatewayModule, PaymentsProcessor } from '@masks/payments';
import { InvoiceProcessor, OrderPipelineProcessor, OrderRiskFollowsCertification } from '@masks/fulfilment';
import { MatchingProcessor, NeedsModule } from '@masks/matching';
import { ClickCollectJobsModule } from '@masks/click-collect';
import { ALL_ENTITIES } from '../common/entities';

/** The job process: the outbox relay and the queue consumers. No HTTP API: only /metrics and /health. */
@Module({
  imports: [
    CoreModule.forRoot({ entities: ALL_ENTITIES, poolSize: 30 }),
    CertificationJobsModule,
    PaymentGatewayModule,
    OrdersModule,
    NeedsModule,
    ClickCollectJobsModule,
  ],
  providers: [
    OutboxRelay,
    NotificationProcessor,
    // A notification joins the inbox of the account its recipient's e-mail belongs to.
    { provide: RecipientDirectory, useClass: UserRecipientDirectory },
    WorkerMetricsServer,
    OrderPipelineProcessor,
    PaymentsProcessor,
    InvoiceProcessor,
    MatchingProcessor,
    // Open orders follow their products' certification (flagged while withdrawn, cleared when it holds again), buyers told.
    { provide: CertificationFollowUp, useClass: OrderRiskFollowsCertification },
  ],
})
export class WorkerModule {}
