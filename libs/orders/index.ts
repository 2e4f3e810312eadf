export * from './domain/order.states';
export * from './domain/order-risk';
export * from './domain/pricing';
export * from './order.entity';
export * from './order.events';
export * from './payment-gateway';
export * from './orders.service';
export * from './order-risk';
export * from './orders.module';
export * from './dto/order.inputs';
export * from './invoices/invoice.entity';
export * from './invoices/invoices.service';
export * from './invoices/invoice.pdf';

import { Order, OrderLine, OrderTransition, VatRateRow } from './order.entity';
import { Invoice, InvoiceCounter } from './invoices/invoice.entity';

export const orderEntities = [Order, OrderLine, OrderTransition, VatRateRow, Invoice, InvoiceCounter];
