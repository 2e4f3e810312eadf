import { Module } from '@nestjs/common';
import { CatalogModule } from '@masks/catalog';
import { OrdersService } from './orders.service';
import { OrdersResolver } from './orders.resolver';
import { OrdersController } from './orders.controller';
import { InvoicesService } from './invoices/invoices.service';

/** Needs a PaymentGateway provider from the application (the payments lib registers one globally). */
@Module({
  imports: [CatalogModule],
  controllers: [OrdersController],
  providers: [OrdersService, OrdersResolver, InvoicesService],
  exports: [OrdersService, InvoicesService],
})
export class OrdersModule {}
