import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Allow,
  ApiScope,
  Ctx,
  connectionComplexity,
  IDEMPOTENCY_KEY_DESCRIPTION,
  Paginated,
  RequestContext,
  Role,
  recordEvents,
} from '@masks/core';
import { Order, PaymentMethod } from '@masks/orders';
import { FOR_BUYERS, FOR_BUYERS_AND_DGE } from '@masks/organisations';
import { DataSource } from 'typeorm';
import { MatchingRun, Need, Proposal } from './need.entity';
import { NeedsService } from './needs.service';
import { MatchingRunsService } from './matching-runs.service';
import { MATCHING_EVENTS } from './need.events';
import { NeedInput, NeedsArgs, OrderForNeedInput } from './dto/need.inputs';
import { NeedSuggestions } from './models/suggestion.models';

@ObjectType()
export class NeedConnection extends Paginated(Need) {}

const BUYER = [Role.BUYER];
const WRITE = [ApiScope.ORDERS_WRITE];
const READ = [ApiScope.ORDERS_READ];
const idArg = () => Args('id', { type: () => ID }, ParseUUIDPipe);

@Resolver(() => Need)
export class NeedsResolver {
  constructor(
    private readonly needs: NeedsService,
    private readonly runs: MatchingRunsService,
    private readonly dataSource: DataSource,
  ) {}

  @Mutation(() => Need, { description: 'A buyer says what it needs; the need expires unless re-confirmed' })
  @Allow(BUYER, WRITE, FOR_BUYERS)
  postNeed(
    @Ctx() ctx: RequestContext,
    @Args('input') input: NeedInput,
    @Args('idempotencyKey', { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<Need> {
    return this.needs.post(ctx, input, idempotencyKey);
  }

  @Mutation(() => Need)
  @Allow(BUYER, WRITE, FOR_BUYERS)
  reconfirmNeed(@Ctx() ctx: RequestContext, @idArg() id: string): Promise<Need> {
    return this.needs.reconfirm(ctx, id);
  }

  @Mutation(() => Need)
  @Allow(BUYER, WRITE, FOR_BUYERS)
  cancelNeed(@Ctx() ctx: RequestContext, @idArg() id: string): Promise<Need> {
    return this.needs.cancel(ctx, id);
  }

  @Mutation(() => Order, {
    description: 'Orders from an offer for this need; the order counts toward its coverage',
  })
  @Allow(BUYER, WRITE, FOR_BUYERS)
  orderForNeed(
    @Ctx() ctx: RequestContext,
    @Args('needId', { type: () => ID }, ParseUUIDPipe) needId: string,
    @Args('input') input: OrderForNeedInput,
    @Args('idempotencyKey', { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<Order> {
    return this.needs.orderFor(ctx, needId, input, idempotencyKey);
  }

  @Mutation(() => Order, {
    description:
      'Accepting a proposal places its order (stock reserved at once, or refused with what is left)',
  })
  @Allow(BUYER, WRITE, FOR_BUYERS)
  acceptProposal(
    @Ctx() ctx: RequestContext,
    @idArg() id: string,
    @Args('paymentMethod', { type: () => PaymentMethod }) paymentMethod: PaymentMethod,
    @Args('idempotencyKey', { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<Order> {
    return this.runs.accept(ctx, id, paymentMethod, idempotencyKey);
  }

  @Mutation(() => Proposal)
  @Allow(BUYER, WRITE, FOR_BUYERS)
  declineProposal(@Ctx() ctx: RequestContext, @idArg() id: string): Promise<Proposal> {
    return this.runs.decline(ctx, id);
  }

  @Mutation(() => Boolean, {
    description: 'Asks for a batch matching run now (it also runs every MATCHING_INTERVAL_MINUTES)',
  })
  @Allow([Role.DGE_OFFICER])
  async requestMatchingRun(): Promise<boolean> {
    await this.dataSource.transaction((manager) => recordEvents(manager, [MATCHING_EVENTS.run()]));
    return true;
  }

  @Query(() => MatchingRun, { nullable: true })
  @Allow([Role.DGE_OFFICER])
  latestMatchingRun(): Promise<MatchingRun | null> {
    return this.runs.latestRun();
  }

  @Query(() => NeedConnection, {
    complexity: connectionComplexity,
    description: 'The caller’s needs (the DGE: all)',
  })
  @Allow([Role.BUYER, Role.DGE_OFFICER], READ, FOR_BUYERS_AND_DGE)
  needsList(@Ctx() ctx: RequestContext, @Args() args: NeedsArgs): Promise<NeedConnection> {
    return this.needs.list(ctx, args);
  }

  @Query(() => Need)
  @Allow([Role.BUYER, Role.DGE_OFFICER], READ, FOR_BUYERS_AND_DGE)
  need(@Ctx() ctx: RequestContext, @idArg() id: string): Promise<Need> {
    return this.needs.findVisible(ctx, id);
  }

  @ResolveField(() => Int, { description: 'Units already ordered for it' })
  covered(@Ctx() ctx: RequestContext, @Parent() need: Need): Promise<number> {
    return this.needs.coveredOf(ctx, need.id);
  }

  @ResolveField(() => Int, { description: 'Units still missing' })
  async shortfall(@Ctx() ctx: RequestContext, @Parent() need: Need): Promise<number> {
    return Math.max(0, need.quantity - (await this.needs.coveredOf(ctx, need.id)));
  }

  @ResolveField(() => NeedSuggestions, {
    complexity: 50,
    description:
      'Offers that can serve the rest of the need, best first, and why; those that cannot, and why not',
  })
  suggestions(@Ctx() ctx: RequestContext, @Parent() need: Need): Promise<NeedSuggestions> {
    return this.needs.suggestions(ctx, need);
  }

  @ResolveField(() => [Proposal], { description: 'What matching runs proposed, newest first' })
  proposals(@Ctx() ctx: RequestContext, @Parent() need: Need): Promise<Proposal[]> {
    return this.runs.proposalsOf(ctx, need.id);
  }
}
