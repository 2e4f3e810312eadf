import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Allow, Ctx, connectionComplexity, Paginated, RequestContext, Role } from '@masks/core';
import { OrganisationKind } from '@masks/organisations';
import { EquipmentAllocation, EquipmentKind, EquipmentProgramme } from './equipment.entity';
import { EquipmentShipment } from './shipment.entity';
import { ShipmentLine } from './models/shipment-line.model';
import { ProgrammesService } from './programmes.service';
import { ShipmentsService } from './shipments.service';
import {
  AllocateEquipmentInput,
  EquipmentAllocationsArgs,
  EquipmentKindInput,
  EquipmentProgrammeInput,
  EquipmentShipmentInput,
  EquipmentShipmentsArgs,
} from './dto/equipment.inputs';

@ObjectType()
export class EquipmentAllocationConnection extends Paginated(EquipmentAllocation) {}
@ObjectType()
export class EquipmentShipmentConnection extends Paginated(EquipmentShipment) {}

/** Who the State's equipment concerns: the ministry (the authority's officers), agencies, establishments. */
export const EQUIPMENT_READERS = [Role.DGE_OFFICER, Role.EQUIPMENT_MANAGER];
export const FOR_EQUIPMENT = {
  organisationKinds: [
    OrganisationKind.AUTHORITY,
    OrganisationKind.REGIONAL_HEALTH_AGENCY,
    OrganisationKind.HEALTH_ESTABLISHMENT,
  ],
};
/** Those who allocate and ship: the ministry, and agencies within their region. */
export const FOR_SENDERS = {
  organisationKinds: [OrganisationKind.AUTHORITY, OrganisationKind.REGIONAL_HEALTH_AGENCY],
};
export const FOR_MINISTRY = { organisationKinds: [OrganisationKind.AUTHORITY] };

const uuid = (name: string) => Args(name, { type: () => ID }, ParseUUIDPipe);

@Resolver(() => EquipmentProgramme)
export class EquipmentProgrammesResolver {
  constructor(private readonly programmes: ProgrammesService) {}

  @Mutation(() => EquipmentKind, { description: 'Ministry: a new kind of equipment (data, no code change)' })
  @Allow([Role.DGE_OFFICER], [], FOR_MINISTRY)
  createEquipmentKind(
    @Ctx() ctx: RequestContext,
    @Args('input') input: EquipmentKindInput,
  ): Promise<EquipmentKind> {
    return this.programmes.createKind(ctx, input);
  }

  @Query(() => [EquipmentKind])
  @Allow(EQUIPMENT_READERS, [], FOR_EQUIPMENT)
  equipmentKinds(): Promise<EquipmentKind[]> {
    return this.programmes.kinds();
  }

  @Mutation(() => EquipmentProgramme, { description: 'Ministry: a programme of the State’s orders' })
  @Allow([Role.DGE_OFFICER], [], FOR_MINISTRY)
  createEquipmentProgramme(
    @Ctx() ctx: RequestContext,
    @Args('input') input: EquipmentProgrammeInput,
  ): Promise<EquipmentProgramme> {
    return this.programmes.createProgramme(ctx, input);
  }

  @Mutation(() => EquipmentProgramme, {
    description: 'Ministry: the State orders no more; no new allocation, deliveries in progress go on',
  })
  @Allow([Role.DGE_OFFICER], [], FOR_MINISTRY)
  closeEquipmentProgramme(@Ctx() ctx: RequestContext, @uuid('id') id: string): Promise<EquipmentProgramme> {
    return this.programmes.closeProgramme(ctx, id);
  }

  @Query(() => [EquipmentProgramme])
  @Allow(EQUIPMENT_READERS, [], FOR_EQUIPMENT)
  equipmentProgrammes(): Promise<EquipmentProgramme[]> {
    return this.programmes.programmes();
  }

  @Mutation(() => EquipmentAllocation, {
    description:
      'Ministry anywhere, an agency within its region: units of a kind for an establishment (by FINESS)',
  })
  @Allow(EQUIPMENT_READERS, [], FOR_SENDERS)
  allocateEquipment(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AllocateEquipmentInput,
  ): Promise<EquipmentAllocation> {
    return this.programmes.allocate(ctx, input);
  }

  @Query(() => EquipmentAllocationConnection, {
    complexity: connectionComplexity,
    description: 'Newest first; an establishment sees its own, an agency its region, the ministry all',
  })
  @Allow(EQUIPMENT_READERS, [], FOR_EQUIPMENT)
  equipmentAllocations(
    @Ctx() ctx: RequestContext,
    @Args() args: EquipmentAllocationsArgs,
  ): Promise<EquipmentAllocationConnection> {
    return this.programmes.allocations(ctx, args);
  }

  @Query(() => EquipmentAllocation)
  @Allow(EQUIPMENT_READERS, [], FOR_EQUIPMENT)
  equipmentAllocation(@Ctx() ctx: RequestContext, @uuid('id') id: string): Promise<EquipmentAllocation> {
    return this.programmes.visibleAllocation(ctx, id);
  }
}

@Resolver(() => EquipmentShipment)
export class EquipmentShipmentsResolver {
  constructor(private readonly shipments: ShipmentsService) {}

  @Mutation(() => EquipmentShipment, {
    description: 'Units of an allocation, with carrier and expected date',
  })
  @Allow(EQUIPMENT_READERS, [], FOR_SENDERS)
  prepareEquipmentShipment(
    @Ctx() ctx: RequestContext,
    @Args('input') input: EquipmentShipmentInput,
  ): Promise<EquipmentShipment> {
    return this.shipments.create(ctx, input);
  }

  @Mutation(() => EquipmentShipment, { description: 'The shipment left: its units are in transit' })
  @Allow(EQUIPMENT_READERS, [], FOR_SENDERS)
  dispatchEquipmentShipment(@Ctx() ctx: RequestContext, @uuid('id') id: string): Promise<EquipmentShipment> {
    return this.shipments.dispatch(ctx, id);
  }

  @Mutation(() => EquipmentShipment, { description: 'Before it leaves; its units go back to the allocation' })
  @Allow(EQUIPMENT_READERS, [], FOR_SENDERS)
  cancelEquipmentShipment(@Ctx() ctx: RequestContext, @uuid('id') id: string): Promise<EquipmentShipment> {
    return this.shipments.cancel(ctx, id);
  }

  @Query(() => EquipmentShipmentConnection, {
    complexity: connectionComplexity,
    description: 'The shipment view: what left, what is in transit, what arrived (newest first)',
  })
  @Allow(EQUIPMENT_READERS, [], FOR_EQUIPMENT)
  equipmentShipments(
    @Ctx() ctx: RequestContext,
    @Args() args: EquipmentShipmentsArgs,
  ): Promise<EquipmentShipmentConnection> {
    return this.shipments.list(ctx, args);
  }

  @Query(() => EquipmentShipment)
  @Allow(EQUIPMENT_READERS, [], FOR_EQUIPMENT)
  equipmentShipment(@Ctx() ctx: RequestContext, @uuid('id') id: string): Promise<EquipmentShipment> {
    return this.shipments.visible(ctx, id);
  }

  @ResolveField(() => [ShipmentLine])
  units(@Parent() shipment: EquipmentShipment): Promise<ShipmentLine[]> {
    return this.shipments.lines(shipment.id);
  }

  @ResolveField(() => EquipmentKind)
  kind(@Ctx() ctx: RequestContext, @Parent() shipment: EquipmentShipment): Promise<EquipmentKind> {
    return this.shipments.kind(ctx, shipment.kindId);
  }
}
