import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Allow,
  ApiScope,
  Authenticated,
  Ctx,
  connectionComplexity,
  IDEMPOTENCY_KEY_DESCRIPTION,
  Public,
  RequestContext,
  Role,
  ALL_ROLES,
} from '@masks/core';
import { Organisation } from './organisation.entity';
import { Filiere, SubcontractingLink } from './filiere.entity';
import { OrganisationsService } from './organisations.service';
import { OrganisationsArgs, SignUpInput, UpdateOrganisationInput } from './dto/organisation.inputs';
import { OrganisationConnection, SignUpPayload } from './models/session.model';

@Resolver(() => Organisation)
export class OrganisationsResolver {
  constructor(private readonly service: OrganisationsService) {}

  @Mutation(() => SignUpPayload, { description: 'Registers an organisation (by SIRET) and its first admin' })
  @Public()
  signUp(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SignUpInput,
    @Args('idempotencyKey', { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<SignUpPayload> {
    return this.service.signUp(ctx, input, idempotencyKey);
  }

  @Query(() => Organisation, { description: 'The organisation the caller acts for' })
  @Allow(ALL_ROLES, [ApiScope.ORGANISATION_READ])
  myOrganisation(@Ctx() ctx: RequestContext): Promise<Organisation> {
    return this.service.findVisible(ctx, ctx.organisationId);
  }

  @Query(() => Organisation, { description: 'An organisation the caller may see; others read as not found' })
  @Authenticated()
  organisation(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<Organisation> {
    return this.service.findVisible(ctx, id);
  }

  @Query(() => OrganisationConnection, {
    complexity: connectionComplexity,
    description:
      'Organisations visible to the caller (DGE: all; referent: their filière; group: its subcontractors)',
  })
  @Authenticated()
  organisations(
    @Ctx() ctx: RequestContext,
    @Args() args: OrganisationsArgs,
  ): Promise<OrganisationConnection> {
    return this.service.list(ctx, args);
  }

  @Mutation(() => Organisation)
  @Allow([Role.ORG_ADMIN])
  updateMyOrganisation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateOrganisationInput,
  ): Promise<Organisation> {
    return this.service.update(ctx, input);
  }

  @Query(() => [Filiere], { description: "The 18 filières of the Conseil national de l'industrie" })
  @Public()
  filieres(): Promise<Filiere[]> {
    return this.service.listFilieres();
  }

  @Mutation(() => Organisation)
  @Allow([Role.ORG_ADMIN])
  joinFiliere(@Ctx() ctx: RequestContext, @Args('filiereCode') filiereCode: string): Promise<Organisation> {
    return this.service.setFiliereMembership(ctx, filiereCode, true);
  }

  @Mutation(() => Organisation)
  @Allow([Role.ORG_ADMIN])
  leaveFiliere(@Ctx() ctx: RequestContext, @Args('filiereCode') filiereCode: string): Promise<Organisation> {
    return this.service.setFiliereMembership(ctx, filiereCode, false);
  }

  @Mutation(() => SubcontractingLink, {
    description: 'A large group names one of its subcontractors, by SIRET',
  })
  @Allow([Role.ORG_ADMIN])
  proposeSubcontractor(
    @Ctx() ctx: RequestContext,
    @Args('siret') siret: string,
  ): Promise<SubcontractingLink> {
    return this.service.proposeSubcontractor(ctx, siret);
  }

  @Mutation(() => SubcontractingLink, { description: 'The subcontractor confirms the link a group proposed' })
  @Allow([Role.ORG_ADMIN])
  confirmSubcontracting(
    @Ctx() ctx: RequestContext,
    @Args('linkId', { type: () => ID }, ParseUUIDPipe) linkId: string,
  ): Promise<SubcontractingLink> {
    return this.service.confirmSubcontracting(ctx, linkId);
  }

  @Query(() => [SubcontractingLink], {
    description: 'Links where the caller is the group or the subcontractor',
  })
  @Allow([Role.ORG_ADMIN, Role.BUYER])
  subcontractingLinks(@Ctx() ctx: RequestContext): Promise<SubcontractingLink[]> {
    return this.service.subcontractingLinks(ctx);
  }

  @ResolveField('filieres', () => [Filiere])
  filieresOfOrganisation(
    @Ctx() ctx: RequestContext,
    @Parent() organisation: Organisation,
  ): Promise<Filiere[]> {
    return this.service.filieresOf(ctx, organisation.id);
  }
}

@Resolver(() => SubcontractingLink)
export class SubcontractingLinkResolver {
  constructor(private readonly organisations: OrganisationsService) {}

  @ResolveField(() => Organisation, { nullable: true })
  group(@Ctx() ctx: RequestContext, @Parent() link: SubcontractingLink): Promise<Organisation | null> {
    return this.organisations.visibleById(ctx, link.groupId);
  }

  @ResolveField(() => Organisation, { nullable: true })
  subcontractor(
    @Ctx() ctx: RequestContext,
    @Parent() link: SubcontractingLink,
  ): Promise<Organisation | null> {
    return this.organisations.visibleById(ctx, link.subcontractorId);
  }
}
