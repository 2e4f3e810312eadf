import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  APP_CONFIG,
  BadInputError,
  ConflictError,
  NotFoundError,
  RequestContext,
  Role,
  UnauthenticatedError,
  audit,
  notificationEvent,
  once,
  paginate,
  recordEvents,
  type AppConfig,
  type Connection,
  type PageArgs,
} from '@masks/core';
import { changeRoles, grantableRoles, InvitationStatus } from './domain/organisation.rules';
import { Organisation } from './organisation.entity';
import { Filiere } from './filiere.entity';
import { Invitation, Membership, User } from './user.entity';
import { AuthService, randomToken, sha256 } from './auth.service';
import type {
  AcceptInvitationInput,
  ChangeMemberRolesArgs,
  InvitationsArgs,
  InviteMemberInput,
} from './dto/organisation.inputs';
import type { Session } from './models/session.model';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * The console's page that accepts an invitation (apps/web, /invitation). The token goes in the
 * fragment, which browsers never send: no request log on the way holds it.
 */
export const invitationPath = (token: string): string => `/invitation#jeton=${token}`;

@Injectable()
export class MembersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** An admin invites a colleague with roles their organisation's kinds allow; the token goes by e-mail. */
  async invite(ctx: RequestContext, input: InviteMemberInput, idempotencyKey?: string): Promise<Invitation> {
    return this.dataSource.transaction(async (manager) => {
      const organisation = await manager.findOneByOrFail(Organisation, { id: ctx.organisationId });
      const allowed = grantableRoles(organisation.kinds);
      const refused = input.roles.filter((role) => !allowed.includes(role));
      if (refused.length) {
        throw new BadInputError(`An organisation of this kind cannot grant ${refused.join(', ')}`, {
          field: 'roles',
          reason: 'ROLE_NOT_GRANTABLE',
          args: { roles: refused.join(', ') },
        });
      }
      return once(
        manager,
        ctx,
        { key: idempotencyKey, operation: 'inviteMember', input },
        async () => {
          const token = randomToken();
          const invitation = await manager.save(
            manager.create(Invitation, {
              organisationId: organisation.id,
              email: input.email.trim(),
              roles: input.roles,
              tokenHash: sha256(token),
              invitedBy: ctx.userId,
              expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
            }),
          );
          await audit(manager, ctx, {
            action: 'member.invited',
            entityType: 'invitation',
            entityId: invitation.id,
            organisationId: organisation.id,
            after: { email: invitation.email, roles: invitation.roles },
          });
          await recordEvents(manager, [
            notificationEvent({
              recipient: invitation.email,
              subject: `Invitation à rejoindre ${organisation.name}`,
              body: [
                `Pour rejoindre ${organisation.name}, ouvrez cette page de la console : ${this.config.publicUrl}${invitationPath(token)}`,
                `Votre code d'invitation (valable 7 jours) : ${token}`,
              ].join('\n'),
            }),
          ]);
          return { id: invitation.id, value: invitation };
        },
        (id) => manager.findOneByOrFail(Invitation, { id }),
      );
    });
  }

  /**
   * Accepting creates the person's account (or, for an existing account, checks its password) and the
   * membership. The invitation row is locked so a token is used once.
   */
  async acceptInvitation(ctx: RequestContext, input: AcceptInvitationInput): Promise<Session> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const invitation = await manager
        .getRepository(Invitation)
        .createQueryBuilder('i')
        .setLock('pessimistic_write')
        .where('i.token_hash = :hash', { hash: sha256(input.token) })
        .getOne();
      if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() < Date.now()) {
        return { error: 'This invitation is invalid, used or expired' } as const;
      }
      let user = await manager
        .getRepository(User)
        .createQueryBuilder('u')
        .where('lower(u.email) = lower(:email)', { email: invitation.email })
        .getOne();
      if (user) {
        if (!(await this.auth.verifyPassword(user.passwordHash, input.password))) {
          return { error: 'An account exists for this e-mail: give its password' } as const;
        }
      } else {
        user = await manager.save(
          manager.create(User, {
            email: invitation.email,
            fullName: input.fullName.trim(),
            passwordHash: await this.auth.hashPassword(input.password),
          }),
        );
      }
      const existing = await manager.findOneBy(Membership, {
        userId: user.id,
        organisationId: invitation.organisationId,
      });
      if (existing) throw new ConflictError('This person is already a member of the organisation');
      const membership = await manager.save(
        manager.create(Membership, {
          userId: user.id,
          organisationId: invitation.organisationId,
          roles: invitation.roles,
          filiereCode: null,
        }),
      );
      invitation.acceptedAt = new Date();
      await manager.save(invitation);
      const actor = new RequestContext(ctx.requestId, this.auth.principalOf(membership));
      await audit(manager, actor, {
        action: 'member.joined',
        entityType: 'membership',
        entityId: membership.id,
        organisationId: membership.organisationId,
        after: { userId: user.id, roles: membership.roles },
      });
      return { session: await this.auth.openSession(manager, membership, crypto.randomUUID()) } as const;
    });
    if ('error' in outcome) throw new UnauthenticatedError(outcome.error);
    return outcome.session;
  }

  members(ctx: RequestContext, args: PageArgs): Promise<Connection<Membership>> {
    const qb = this.dataSource
      .getRepository(Membership)
      .createQueryBuilder('m')
      .where('m.organisation_id = :org', { org: ctx.organisationId });
    return paginate(
      qb,
      'm.id',
      { column: 'm.created_at', value: (m) => m.createdAt, direction: 'ASC' },
      args,
    );
  }

  /**
   * An admin sets the roles of a member of their own organisation. Every membership of the
   * organisation is locked (in id order) before the rule is checked, so two admins demoting each other
   * at once are serialised and the second sees the first's change: one of them stays ORG_ADMIN. The
   * member's token keeps its roles until its next refresh, which re-reads them.
   */
  async changeMemberRoles(ctx: RequestContext, args: ChangeMemberRolesArgs): Promise<Membership> {
    return this.dataSource.transaction(async (manager) => {
      const members = await manager
        .getRepository(Membership)
        .createQueryBuilder('m')
        .setLock('pessimistic_write')
        .where('m.organisation_id = :org', { org: ctx.organisationId })
        .orderBy('m.id')
        .getMany();
      const target = members.find((member) => member.id === args.membershipId);
      // Another organisation's member reads as absent, as it would in `members`.
      if (!target) throw new NotFoundError('Membership', args.membershipId);
      const organisation = await manager.findOneByOrFail(Organisation, { id: ctx.organisationId });
      const change = changeRoles(organisation.kinds, target, args.roles, members);
      if (!change.ok && change.problem === 'NOT_GRANTABLE') {
        throw new BadInputError(`An organisation of this kind cannot grant ${change.refused.join(', ')}`, {
          field: 'roles',
          reason: 'ROLE_NOT_GRANTABLE',
          args: { roles: change.refused.join(', ') },
        });
      }
      if (!change.ok) throw new ConflictError('The organisation must keep at least one ORG_ADMIN');
      const before = { roles: target.roles };
      target.roles = change.roles;
      await manager.save(target);
      await audit(manager, ctx, {
        action: 'member.roles_changed',
        entityType: 'membership',
        entityId: target.id,
        organisationId: target.organisationId,
        before,
        after: { roles: target.roles },
      });
      return target;
    });
  }

  /** The caller's organisation's invitations, newest first; status is computed from the dates. */
  invitations(ctx: RequestContext, args: InvitationsArgs): Promise<Connection<Invitation>> {
    const qb = this.dataSource
      .getRepository(Invitation)
      .createQueryBuilder('i')
      .where('i.organisation_id = :org', { org: ctx.organisationId });
    if (args.status === InvitationStatus.ACCEPTED) qb.andWhere('i.accepted_at IS NOT NULL');
    if (args.status === InvitationStatus.PENDING)
      qb.andWhere('i.accepted_at IS NULL AND i.expires_at > now()');
    if (args.status === InvitationStatus.EXPIRED)
      qb.andWhere('i.accepted_at IS NULL AND i.expires_at <= now()');
    return paginate(
      qb,
      'i.id',
      { column: 'i.created_at', value: (i) => i.createdAt, direction: 'DESC' },
      args,
    );
  }

  /** The DGE makes a person the referent of one filière (the role is scoped to that filière). */
  async appointReferent(ctx: RequestContext, email: string, filiereCode: string): Promise<Membership> {
    return this.dataSource.transaction(async (manager) => {
      if (!(await manager.existsBy(Filiere, { code: filiereCode }))) {
        throw new BadInputError('Unknown filière code', {
          field: 'filiereCode',
          reason: 'UNKNOWN_FILIERE',
          args: { filiereCode },
        });
      }
      const user = await manager
        .getRepository(User)
        .createQueryBuilder('u')
        .where('lower(u.email) = lower(:email)', { email })
        .getOne();
      if (!user) throw new NotFoundError('User', email);
      const membership = await manager.findOne(Membership, {
        where: { userId: user.id },
        order: { createdAt: 'ASC' },
      });
      if (!membership) throw new NotFoundError('Membership of', email);
      const before = { roles: membership.roles, filiereCode: membership.filiereCode };
      membership.roles = [...new Set([...membership.roles, Role.FILIERE_REFERENT])];
      membership.filiereCode = filiereCode;
      await manager.save(membership);
      await audit(manager, ctx, {
        action: 'filiere.referent_appointed',
        entityType: 'membership',
        entityId: membership.id,
        organisationId: membership.organisationId,
        before,
        after: { roles: membership.roles, filiereCode },
      });
      return membership;
    });
  }

  /** Batched user lookup for Membership.user; only members the caller may list reach here. */
  userOf(ctx: RequestContext, userId: string): Promise<User | null> {
    return ctx
      .loader<string, User | null>('user.byId', async (ids) => {
        const rows = await this.dataSource
          .getRepository(User)
          .createQueryBuilder('u')
          .where('u.id = ANY(:ids)', { ids: [...ids] })
          .getMany();
        return ids.map((id) => rows.find((row) => row.id === id) ?? null);
      })
      .load(userId);
  }
}
