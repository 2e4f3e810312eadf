import { Module } from '@nestjs/common';
import { CatalogModule } from '@masks/catalog';
import { OrdersService } from './orders.service';
import { OrdersResolver } from './orders.resolver';

/** Needs a PaymentGateway provider from the application (the payments lib registers one globally). */
@Module({
  imports: [CatalogModule],
  providers: [OrdersService, OrdersResolver],
  exports: [OrdersService],
})
export class OrdersModule {}
