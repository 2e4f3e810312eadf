import { ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Allow,
  Authenticated,
  Ctx,
  connectionComplexity,
  IDEMPOTENCY_KEY_DESCRIPTION,
  PageArgs,
  Public,
  RequestContext,
  Role,
} from '@masks/core';
import { ApiKey, Invitation, Membership, User } from './user.entity';
import { Organisation } from './organisation.entity';
import { AuthService } from './auth.service';
import { MembersService } from './members.service';
import { OrganisationsService } from './organisations.service';
import { ApiKeysService } from './api-keys.service';
import { AuditLogService } from './audit-log.service';
import {
  AcceptInvitationInput,
  AuditLogArgs,
  ChangeMemberRolesArgs,
  CreateApiKeyInput,
  InvitationsArgs,
  InviteMemberInput,
  LoginInput,
} from './dto/organisation.inputs';
import {
  AuditEntryConnection,
  CreatedApiKey,
  InvitationConnection,
  MembershipConnection,
  Session,
} from './models/session.model';
import { InvitationStatus, invitationStatus } from './domain/organisation.rules';
import { readAsSessionHolder, viewerOf } from './session-viewer';

@Resolver(() => Session)
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly members: MembersService,
  ) {}

  @Mutation(() => Session)
  @Public()
  login(@Ctx() ctx: RequestContext, @Args('input') input: LoginInput): Promise<Session> {
    return this.auth.login(ctx, input.email, input.password, input.organisationId);
  }

  @Mutation(() => Session, { description: 'Exchanges a refresh token (single use) for a new session' })
  @Public()
  refreshSession(@Args('refreshToken') refreshToken: string): Promise<Session> {
    return this.auth.refresh(refreshToken);
  }

  @Mutation(() => Boolean, {
    description: 'Logs out: revokes the refresh token and every token rotated from it',
  })
  @Public()
  revokeSession(@Args('refreshToken') refreshToken: string): Promise<boolean> {
    return this.auth.revoke(refreshToken);
  }

  @Mutation(() => Int, { description: 'Logs the caller out everywhere; returns how many sessions closed' })
  @Authenticated()
  revokeAllMySessions(@Ctx() ctx: RequestContext): Promise<number> {
    return this.auth.revokeAllOf(ctx);
  }

  @Mutation(() => Session)
  @Public()
  acceptInvitation(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AcceptInvitationInput,
  ): Promise<Session> {
    return this.members.acceptInvitation(ctx, input);
  }

  @Query(() => Membership, { description: "The caller's membership (person, organisation, roles)" })
  @Authenticated()
  me(@Ctx() ctx: RequestContext): Membership {
    const principal = ctx.requirePrincipal();
    return {
      id: principal.membershipId as string,
      userId: principal.userId as string,
      organisationId: principal.organisationId,
      roles: principal.roles,
      filiereCode: principal.filiereId ?? null,
      createdAt: new Date(0),
    };
  }

  /**
   * A session's membership is read by its holder: the login, sign-up, refresh and invitation
   * mutations are public, so without this its organisation would be looked up for no caller at all.
   */
  @ResolveField(() => Membership)
  membership(@Ctx() ctx: RequestContext, @Parent() session: Session): Membership {
    return readAsSessionHolder(ctx, session.membership, this.auth.principalOf(session.membership));
  }
}

@Resolver(() => Membership)
export class MembersResolver {
  constructor(
    private readonly membersService: MembersService,
    private readonly organisationsService: OrganisationsService,
    private readonly apiKeysService: ApiKeysService,
    private readonly auditLogService: AuditLogService,
  ) {}

  @Mutation(() => Invitation)
  @Allow([Role.ORG_ADMIN])
  inviteMember(
    @Ctx() ctx: RequestContext,
    @Args('input') input: InviteMemberInput,
    @Args('idempotencyKey', { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<Invitation> {
    return this.membersService.invite(ctx, input, idempotencyKey);
  }

  @Query(() => MembershipConnection, { complexity: connectionComplexity })
  @Allow([Role.ORG_ADMIN])
  members(@Ctx() ctx: RequestContext, @Args() args: PageArgs): Promise<MembershipConnection> {
    return this.membersService.members(ctx, args);
  }

  @Mutation(() => Membership, {
    description:
      'Organisation admin: sets the roles of a member of their organisation (roles its kinds allow; at least one ORG_ADMIN must remain). Takes effect at the member’s next session refresh',
  })
  @Allow([Role.ORG_ADMIN])
  changeMemberRoles(@Ctx() ctx: RequestContext, @Args() args: ChangeMemberRolesArgs): Promise<Membership> {
    return this.membersService.changeMemberRoles(ctx, args);
  }

  @Query(() => InvitationConnection, {
    complexity: connectionComplexity,
    description: "Organisation admin: their organisation's invitations, newest first",
  })
  @Allow([Role.ORG_ADMIN])
  invitations(@Ctx() ctx: RequestContext, @Args() args: InvitationsArgs): Promise<InvitationConnection> {
    return this.membersService.invitations(ctx, args);
  }

  @Mutation(() => Membership, { description: 'DGE: makes a person the PME referent of a filière' })
  @Allow([Role.DGE_OFFICER])
  appointFiliereReferent(
    @Ctx() ctx: RequestContext,
    @Args('email') email: string,
    @Args('filiereCode') filiereCode: string,
  ): Promise<Membership> {
    return this.membersService.appointReferent(ctx, email, filiereCode);
  }

  @Mutation(() => CreatedApiKey)
  @Allow([Role.ORG_ADMIN])
  createApiKey(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateApiKeyInput,
    @Args('idempotencyKey', { nullable: true, description: IDEMPOTENCY_KEY_DESCRIPTION })
    idempotencyKey?: string,
  ): Promise<CreatedApiKey> {
    return this.apiKeysService.create(ctx, input, idempotencyKey);
  }

  @Query(() => [ApiKey])
  @Allow([Role.ORG_ADMIN])
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return this.apiKeysService.list(ctx);
  }

  @Mutation(() => ApiKey)
  @Allow([Role.ORG_ADMIN])
  revokeApiKey(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, ParseUUIDPipe) id: string,
  ): Promise<ApiKey> {
    return this.apiKeysService.revoke(ctx, id);
  }

  @Query(() => AuditEntryConnection, {
    complexity: connectionComplexity,
    description: "Organisation admin: their organisation's log; DGE: all",
  })
  @Allow([Role.ORG_ADMIN, Role.DGE_OFFICER])
  auditLog(@Ctx() ctx: RequestContext, @Args() args: AuditLogArgs): Promise<AuditEntryConnection> {
    return this.auditLogService.read(ctx, args);
  }

  @ResolveField(() => User, { nullable: true })
  user(@Ctx() ctx: RequestContext, @Parent() membership: Membership): Promise<User | null> {
    return this.membersService.userOf(ctx, membership.userId);
  }

  @ResolveField(() => Organisation, { nullable: true })
  organisation(@Ctx() ctx: RequestContext, @Parent() membership: Membership): Promise<Organisation | null> {
    return this.organisationsService.visibleById(viewerOf(ctx, membership), membership.organisationId);
  }
}

@Resolver(() => Invitation)
export class InvitationResolver {
  @ResolveField(() => InvitationStatus)
  status(@Parent() invitation: Invitation): InvitationStatus {
    return invitationStatus(invitation, new Date());
  }
}
