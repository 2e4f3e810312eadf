import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { Allow, Ctx, RequestContext } from '@masks/core';
import { EquipmentTotal, EquipmentTotalsBy } from './models/equipment-total.model';
import { TotalsService } from './totals.service';
import { EQUIPMENT_READERS, FOR_EQUIPMENT } from './equipment.resolver';

@Resolver(() => EquipmentTotal)
export class EquipmentTotalsResolver {
  constructor(private readonly totals: TotalsService) {}

  @Query(() => [EquipmentTotal], {
    description:
      'Allocated, shipped, received, missing, outstanding per establishment, department, region or kind (caller’s scope)',
  })
  @Allow(EQUIPMENT_READERS, [], FOR_EQUIPMENT)
  equipmentTotals(
    @Ctx() ctx: RequestContext,
    @Args('by', { type: () => EquipmentTotalsBy }) by: EquipmentTotalsBy,
    @Args('programmeId', { type: () => ID, nullable: true }, new ParseUUIDPipe({ optional: true }))
    programmeId?: string,
  ): Promise<EquipmentTotal[]> {
    return this.totals.totals(ctx, by, programmeId);
  }
}
