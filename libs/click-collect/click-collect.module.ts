import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@masks/organisations';
import { PickupStoresService } from './pickup-stores.service';
import { EnrolmentService } from './enrolment.service';
import { ClickCollectOrdersService } from './click-collect-orders.service';
import { ClickCollectResolver, PickupStoresResolver } from './click-collect.resolver';
import { ClickCollectExpiry } from './order-expiry';
import { ClickCollectDemoData } from './demo-data';
import { PickupsService } from './pickups.service';
import { ClickCollectProcessor } from './click-collect.processor';

@Module({
  imports: [OrganisationsModule],
  providers: [
    PickupStoresService,
    EnrolmentService,
    ClickCollectOrdersService,
    PickupsService,
    PickupStoresResolver,
    ClickCollectResolver,
    ClickCollectDemoData,
  ],
  exports: [PickupStoresService, EnrolmentService, ClickCollectOrdersService, ClickCollectDemoData],
})
export class ClickCollectModule {}

/** The worker's part: the sweep of orders not collected in time. */
@Module({
  providers: [ClickCollectExpiry, ClickCollectProcessor],
  exports: [ClickCollectExpiry],
})
export class ClickCollectJobsModule {}
