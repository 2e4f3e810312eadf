export * from './equipment.module';
export * from './equipment.entity';
export * from './shipment.entity';
export * from './domain/shipment.states';
export * from './domain/equipment.rules';
export * from './programmes.service';
export * from './shipments.service';
export * from './receipts.service';
export * from './transfers.service';
export * from './totals.service';
export * from './models/equipment-total.model';

import { EquipmentAllocation, EquipmentKind, EquipmentProgramme } from './equipment.entity';
import { EquipmentShipment, EquipmentShipmentUnit, EquipmentUnit, SerialCorrection } from './shipment.entity';

export const equipmentEntities = [
  EquipmentKind,
  EquipmentProgramme,
  EquipmentAllocation,
  EquipmentShipment,
  EquipmentUnit,
  EquipmentShipmentUnit,
  SerialCorrection,
];
