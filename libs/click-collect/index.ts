export * from './domain/click-collect.rules';
export * from './click-collect.entity';
export * from './store-stock';
export * from './pickup-stores.service';
export * from './enrolment.service';
export * from './click-collect-orders.service';
export * from './models/click-collect.models';
export * from './click-collect.module';
export * from './order-expiry';
export * from './click-collect.processor';
export * from './demo-data';
export * from './pickups.service';

import {
  ClickCollectEnrolment,
  ClickCollectOrder,
  ClickCollectOrderLine,
  DeclaredPerson,
  PickupStore,
  StoreStock,
  StoreStockMovement,
} from './click-collect.entity';

export const clickCollectEntities = [
  PickupStore,
  StoreStock,
  StoreStockMovement,
  ClickCollectEnrolment,
  DeclaredPerson,
  ClickCollectOrder,
  ClickCollectOrderLine,
];
