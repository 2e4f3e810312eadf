import { Module } from '@nestjs/common';
import { EquipmentAccess } from './equipment-access';
import { ProgrammesService } from './programmes.service';
import { ShipmentsService } from './shipments.service';
import { EquipmentProgrammesResolver, EquipmentShipmentsResolver } from './equipment.resolver';
import { ReceiptsService } from './receipts.service';
import { EquipmentReceiptsResolver } from './receipts.resolver';
import { TransfersService } from './transfers.service';
import { EquipmentTransfersResolver } from './transfers.resolver';
import { TotalsService } from './totals.service';
import { EquipmentTotalsResolver } from './totals.resolver';

@Module({
  providers: [
    EquipmentAccess,
    ProgrammesService,
    ShipmentsService,
    ReceiptsService,
    TransfersService,
    TotalsService,
    EquipmentProgrammesResolver,
    EquipmentTotalsResolver,
    EquipmentTransfersResolver,
    EquipmentReceiptsResolver,
    EquipmentShipmentsResolver,
  ],
  exports: [ProgrammesService, ShipmentsService, ReceiptsService, TransfersService],
})
export class EquipmentModule {}
