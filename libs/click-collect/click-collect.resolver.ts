import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Allow,
  connectionComplexity,
  Ctx,
  IDEMPOTENCY_KEY_DESCRIPTION,
  RequestContext,
  Role,
  type Connection,
} from '@masks/core';
import { BUYING_KINDS, FOR_BUYERS, OrganisationKind } from '@masks/organisations';
import {
  ClickCollectEnrolment,
  ClickCollectOrder,
  DeclaredPerson,
  PickupStore,
  StoreStock,
} from './click-collect.entity';
import { PickupsService } from './pickups.service';
import { PickupStoresService } from './pickup-stores.service';
import { EnrolmentService } from './enrolment.service';
import { ClickCollectOrdersService } from './click-collect-orders.service';
import {
  ClickCollectEnrolmentInput,
  ClickCollectOrderInput,
  ConfirmPickupInput,
  DeclarePersonsInput,
  DeclaredPersonsArgs,
  PickupStoreInput,
  PickupStoresArgs,
  StoreDeliveryInput,
} from './dto/click-collect.inputs';
import {
  ClickCollectQuota,
  DeclaredPersonConnection,
  PickupStoreConnection,
  PlacedClickCollectOrder,
} from './models/click-collect.models';

/** A network's members hold ORG_ADMIN (the only role its kind grants); the kind gates the side. */
const NETWORK = [Role.ORG_ADMIN];
const FOR_NETWORKS = { organisationKinds: [OrganisationKind.RETAIL_PICKUP_NETWORK] };
/** A company orders through its buyers or its admin. */
const COMPANY = [Role.ORG_ADMIN, Role.BUYER];

@Resolver(() => PickupStore)
export class PickupStoresResolver {
  constructor(
    private readonly stores: PickupStoresService,
    private readonly pickups: PickupsService,
  ) {}

  @Mutation(() => ClickCollectOrder, {
    description: 'The store hands an order over (partly, if so: the rest goes back to stock and quota)',
  })
  @Allow(NETWORK, [], FOR_NETWORKS)
  confirmPickup(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ConfirmPickupInput,
  ): Promise<ClickCollectOrder> {
    return this.pickups.confirm(ctx, input);
  }

  @Mutation(() => PickupStore, { description: 'A retail pickup network declares one of its stores' })
  @Allow(NETWORK, [], FOR_NETWORKS)
  declarePickupStore(
    @Ctx() ctx: RequestContext,
    @Args('input') input: PickupStoreInput,
  ): Promise<PickupStore> {
    return this.stores.declare(ctx, input);
  }

  @Mutation(() => StoreStock, { description: 'A delivery of masks to one of the network’s stores' })
  @Allow(NETWORK, [], FOR_NETWORKS)
  receiveStoreStock(
    @Ctx() ctx: RequestContext,
    @Args('input') input: StoreDeliveryInput,
  ): Promise<StoreStock> {
    return this.stores.receive(ctx, input);
  }

  @Query(() => PickupStoreConnection, {
    complexity: connectionComplexity,
    description:
      'A network: its stores; a company: the stores of the networks it enrolled with; the DGE: all',
  })
  @Allow([...NETWORK, Role.BUYER, Role.DGE_OFFICER], [], {
    organisationKinds: [...BUYING_KINDS, OrganisationKind.RETAIL_PICKUP_NETWORK, OrganisationKind.AUTHORITY],
  })
  pickupStores(@Ctx() ctx: RequestContext, @Args() args: PickupStoresArgs): Promise<Connection<PickupStore>> {
    return this.stores.list(ctx, args);
  }

  @ResolveField(() => StoreStock, { nullable: true, description: 'Its stock for the click & collect scheme' })
  stock(@Ctx() ctx: RequestContext, @Parent() store: PickupStore): Promise<StoreStock | null> {
    return this.stores.stockOf(ctx, store.id);
  }
}

@Resolver()
export class ClickCollectResolver {
  constructor(
    private readonly enrolment: EnrolmentService,
    private readonly orders: ClickCollectOrdersService,
  ) {}

  @Mutation(() => ClickCollectEnrolment, {
    description:
      'A TPE or PME not backed by a large group enrols with a pickup network; a refusal (FORBIDDEN, NOT_ELIGIBLE) lists every reason',
  })
  @Allow(COMPANY, [], FOR_BUYERS)
  enrolInClickCollect(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ClickCollectEnrolmentInput,
  ): Promise<ClickCollectEnrolment> {
    return this.enrolment.enrol(ctx, input);
  }

  @Query(() => [ClickCollectEnrolment])
  @Allow(COMPANY, [], FOR_BUYERS)
  myClickCollectEnrolments(@Ctx() ctx: RequestContext): Promise<ClickCollectEnrolment[]> {
    return this.enrolment.myEnrolments(ctx);
  }

  @Mutation(() => [DeclaredPerson], {
    description: 'The persons the company orders for (at most 250 active); pseudonymous references',
  })
  @Allow(COMPANY, [], FOR_BUYERS)
  declarePersons(
    @Ctx() ctx: RequestContext,
    @Args('input') input: DeclarePersonsInput,
  ): Promise<DeclaredPerson[]> {
    return this.enrolment.declarePersons(ctx, input);
  }

  @Mutation(() => DeclaredPerson, { description: 'A leaver: archived, never deleted, so history holds' })
  @Allow(COMPANY, [], FOR_BUYERS)
  archiveDeclaredPerson(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<DeclaredPerson> {
    return this.enrolment.archivePerson(ctx, id);
  }

  @Query(() => DeclaredPersonConnection, { complexity: connectionComplexity })
  @Allow(COMPANY, [], FOR_BUYERS)
  declaredPersons(
    @Ctx() ctx: RequestContext,
    @Args() args: DeclaredPersonsArgs,
  ): Promise<Connection<DeclaredPerson>> {
    return this.enrolment.listPersons(ctx, args);
  }

  @Query(() => ClickCollectQuota, { description: 'What each person has used and has left this fortnight' })
  @Allow(COMPANY, [], FOR_BUYERS)
  clickCollectQuota(@Ctx() ctx: RequestContext): Promise<ClickCollectQuota> {
    return this.enrolment.quota(ctx);
  }

  @Mutation(() => PlacedClickCollectOrder, {
    description:
      'Orders masks to collect at a store: quota and store stock taken together or not at all; says what is left per person',
  })
  @Allow(COMPANY, [], FOR_BUYERS)
  placeClickCollectOrder(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ClickCollectOrderInput,
    @Args('idempotencyKey', { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<PlacedClickCollectOrder> {
    return this.orders.place(ctx, input, idempotencyKey);
  }
}
