import { Module } from '@nestjs/common';
import { EquipmentAccess } from './equipment-access';
import { ProgrammesService } from './programmes.service';
import { ShipmentsService } from './shipments.service';
import { EquipmentProgrammesResolver, EquipmentShipmentsResolver } from './equipment.resolver';

@Module({
  providers: [
    EquipmentAccess,
    ProgrammesService,
    ShipmentsService,
    EquipmentProgrammesResolver,
    EquipmentShipmentsResolver,
  ],
  exports: [ProgrammesService, ShipmentsService],
})
export class EquipmentModule {}
