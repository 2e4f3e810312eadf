import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@masks/organisations';
import { PickupStoresService } from './pickup-stores.service';
import { EnrolmentService } from './enrolment.service';
import { ClickCollectOrdersService } from './click-collect-orders.service';
import { ClickCollectResolver, PickupStoresResolver } from './click-collect.resolver';

@Module({
  imports: [OrganisationsModule],
  providers: [
    PickupStoresService,
    EnrolmentService,
    ClickCollectOrdersService,
    PickupStoresResolver,
    ClickCollectResolver,
  ],
  exports: [PickupStoresService, EnrolmentService, ClickCollectOrdersService],
})
export class ClickCollectModule {}
