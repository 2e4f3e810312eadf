import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Allow, Ctx, RequestContext } from '@masks/core';
import { EquipmentShipment } from './shipment.entity';
import { TransfersService } from './transfers.service';
import { TransferEquipmentInput } from './dto/equipment.inputs';
import { EQUIPMENT_READERS, FOR_SENDERS } from './equipment.resolver';

@Resolver(() => EquipmentShipment)
export class EquipmentTransfersResolver {
  constructor(private readonly transfers: TransfersService) {}

  @Mutation(() => EquipmentShipment, {
    description:
      'Ministry anywhere, an agency from its region (to its region or another): units an establishment holds leave for another; received like any delivery',
  })
  @Allow(EQUIPMENT_READERS, [], FOR_SENDERS)
  transferEquipment(
    @Ctx() ctx: RequestContext,
    @Args('input') input: TransferEquipmentInput,
  ): Promise<EquipmentShipment> {
    return this.transfers.transfer(ctx, input);
  }
}
