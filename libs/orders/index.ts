export * from './domain/order.states';
export * from './domain/pricing';
export * from './order.entity';
export * from './order.events';
export * from './payment-gateway';
export * from './orders.service';
export * from './orders.module';
export * from './dto/order.inputs';

import { Order, OrderLine, OrderTransition, VatRateRow } from './order.entity';

export const orderEntities = [Order, OrderLine, OrderTransition, VatRateRow];
