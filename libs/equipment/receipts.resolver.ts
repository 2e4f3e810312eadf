import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Ctx, RequestContext, Role } from '@masks/core';
import { OrganisationKind } from '@masks/organisations';
import { EquipmentShipment, EquipmentUnit, SerialCorrection } from './shipment.entity';
import { ReceiptsService } from './receipts.service';
import { AcknowledgeEquipmentInput } from './dto/equipment.inputs';
import { EquipmentUnitEvent } from './models/unit-event.model';
import { EQUIPMENT_READERS, FOR_EQUIPMENT } from './equipment.resolver';

const FOR_ESTABLISHMENTS = { organisationKinds: [OrganisationKind.HEALTH_ESTABLISHMENT] };

@Resolver(() => EquipmentUnit)
export class EquipmentReceiptsResolver {
  constructor(private readonly receipts: ReceiptsService) {}

  @Mutation(() => EquipmentShipment, {
    description:
      'The establishment acknowledges units of a delivery: received, damaged or missing, serials corrected',
  })
  @Allow([Role.EQUIPMENT_MANAGER], [], FOR_ESTABLISHMENTS)
  acknowledgeEquipmentDelivery(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AcknowledgeEquipmentInput,
  ): Promise<EquipmentShipment> {
    return this.receipts.acknowledge(ctx, input);
  }

  @Mutation(() => EquipmentUnit, {
    description: 'The establishment holding a unit corrects its serial number; the original stays visible',
  })
  @Allow([Role.EQUIPMENT_MANAGER], [], FOR_ESTABLISHMENTS)
  correctEquipmentSerialNumber(
    @Ctx() ctx: RequestContext,
    @Args('unitId', { type: () => ID }, ParseUUIDPipe) unitId: string,
    @Args('serialNumber') serialNumber: string,
  ): Promise<EquipmentUnit> {
    return this.receipts.correctSerial(ctx, unitId, serialNumber.slice(0, 100));
  }

  @Query(() => EquipmentUnit)
  @Allow(EQUIPMENT_READERS, [], FOR_EQUIPMENT)
  equipmentUnit(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<EquipmentUnit> {
    return this.receipts.visibleUnit(ctx, id);
  }

  @ResolveField(() => [EquipmentUnitEvent], {
    description: 'Its history, oldest first: allocation, shipments, receipts, serial corrections, transfers',
  })
  timeline(@Parent() unit: EquipmentUnit): Promise<EquipmentUnitEvent[]> {
    return this.receipts.timeline(unit);
  }

  @ResolveField(() => [SerialCorrection], { description: 'Oldest first, with who and when' })
  serialCorrections(@Parent() unit: EquipmentUnit): Promise<SerialCorrection[]> {
    return this.receipts.corrections(unit.id);
  }
}
