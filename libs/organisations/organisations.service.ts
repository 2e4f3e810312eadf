import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RequestContext,
  Role,
  UnauthenticatedError,
  audit,
  keyReader,
  notificationEvent,
  once,
  paginate,
  recordEvents,
  type Connection,
} from '@masks/core';
import { checkSiret } from './domain/siret';
import { finessOfOrganisation } from './domain/finess';
import { findDepartment } from '@masks/geography';
import {
  grantableRoles,
  OrganisationKind,
  SELF_SERVICE_KINDS,
  sizeClassOf,
} from './domain/organisation.rules';
import { Organisation } from './organisation.entity';
import { Filiere, FiliereMembership, SubcontractingLink, SubcontractingStatus } from './filiere.entity';
import { Membership, User } from './user.entity';
import { AuthService } from './auth.service';
import type {
  OrganisationInput,
  OrganisationsArgs,
  SignUpInput,
  UpdateOrganisationInput,
} from './dto/organisation.inputs';
import { OrganisationSort } from './dto/organisation.inputs';
import type { SignUpPayload } from './models/session.model';

const PG_UNIQUE_VIOLATION = '23505';

/** The columns an audit entry records of an organisation. */
const SNAPSHOT_COLUMNS = [
  'id',
  'siret',
  'finess',
  'name',
  'kinds',
  'headcount',
  'sizeClass',
  'departmentCode',
  'regionCode',
  'city',
  'salesContact',
] as const satisfies readonly (keyof Organisation)[];

function snapshot(organisation: Organisation): Record<string, unknown> {
  return Object.fromEntries(SNAPSHOT_COLUMNS.map((column) => [column, organisation[column]]));
}

@Injectable()
export class OrganisationsService {
  private readonly organisationById: (id: string) => Promise<Organisation | null>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly auth: AuthService,
  ) {
    this.organisationById = keyReader(dataSource.getRepository(Organisation));
  }

  /** Validates identity and place; returns the columns to store. */
  private resolveIdentity(input: Pick<OrganisationInput, 'siret' | 'departmentCode' | 'finess' | 'kinds'>) {
    const siret = checkSiret(input.siret);
    if (!siret.valid) throw new BadInputError(siret.reason, { field: 'siret', ...siret.refusal });
    const department = findDepartment(input.departmentCode);
    if (!department)
      throw new BadInputError(`Unknown department code "${input.departmentCode}"`, {
        field: 'departmentCode',
        reason: 'UNKNOWN_DEPARTMENT',
        args: { departmentCode: input.departmentCode },
      });
    const finess = finessOfOrganisation(
      input.kinds.includes(OrganisationKind.HEALTH_ESTABLISHMENT),
      input.finess,
      department.code,
    );
    if (!finess.ok) throw new BadInputError(finess.reason, { field: finess.field });
    return {
      siret: siret.siret,
      siren: siret.siren,
      finess: finess.finess,
      departmentCode: department.code,
      regionCode: department.regionCode,
    };
  }

  private async checkFilieres(manager: EntityManager, codes: string[]): Promise<void> {
    if (!codes.length) return;
    const found = await manager.countBy(Filiere, { code: In(codes) });
    if (found !== codes.length)
      throw new BadInputError('Unknown filière code', { field: 'filiereCodes', reason: 'UNKNOWN_FILIERE' });
  }

  /** Registers an organisation and its first admin, and opens their session. */
  async signUp(ctx: RequestContext, input: SignUpInput, idempotencyKey?: string): Promise<SignUpPayload> {
    const org = input.organisation;
    const identity = this.resolveIdentity(org);
    if (org.kinds.some((kind) => !SELF_SERVICE_KINDS.includes(kind))) {
      throw new BadInputError('The authority and the regional health agencies are registered by operators', {
        field: 'kinds',
        reason: 'KIND_REGISTERED_BY_OPERATORS',
      });
    }
    const passwordHash = await this.auth.hashPassword(input.admin.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.checkFilieres(manager, org.filiereCodes ?? []);
        // The password is left out of the fingerprint (it would be stored); a replay must prove it instead.
        const fingerprint = { ...input, admin: { ...input.admin, password: undefined } };
        return once(
          manager,
          ctx,
          { key: idempotencyKey, operation: 'signUp', input: fingerprint },
          async () => {
            const existingUser = await manager
              .getRepository(User)
              .createQueryBuilder('u')
              .where('lower(u.email) = lower(:email)', { email: input.admin.email })
              .getExists();
            if (existingUser) {
              throw new ConflictError(
                'An account already uses this e-mail: log in, or ask for an invitation',
                {
                  field: 'admin.email',
                },
              );
            }
            const organisation = await manager.save(
              manager.create(Organisation, {
                ...identity,
                name: org.name.trim(),
                kinds: org.kinds,
                headcount: org.headcount,
                sizeClass: sizeClassOf(org.headcount),
                city: org.city ?? null,
                salesContact: org.salesContact ?? null,
              }),
            );
            const user = await manager.save(
              manager.create(User, {
                email: input.admin.email.trim(),
                fullName: input.admin.fullName.trim(),
                passwordHash,
              }),
            );
            const membership = await manager.save(
              manager.create(Membership, {
                userId: user.id,
                organisationId: organisation.id,
                roles: grantableRoles(org.kinds),
                filiereCode: null,
              }),
            );
            if (org.filiereCodes?.length) {
              await manager.insert(
                FiliereMembership,
                org.filiereCodes.map((filiereCode) => ({ organisationId: organisation.id, filiereCode })),
              );
            }
            const actor = new RequestContext(ctx.requestId, this.auth.principalOf(membership));
            await audit(manager, actor, {
              action: 'organisation.registered',
              entityType: 'organisation',
              entityId: organisation.id,
              organisationId: organisation.id,
              after: snapshot(organisation),
            });
            await recordEvents(manager, [
              notificationEvent({
                recipient: user.email,
                subject: `Bienvenue sur la place de marché des masques — ${organisation.name}`,
                body: `Votre organisation (SIRET ${organisation.siret}) est inscrite.`,
              }),
            ]);
            const session = await this.auth.openSession(manager, membership, crypto.randomUUID());
            return { id: membership.id, value: { organisation, session } };
          },
          async (membershipId) => {
            const membership = await manager.findOneByOrFail(Membership, { id: membershipId });
            const user = await manager.findOneByOrFail(User, { id: membership.userId });
            if (!(await this.auth.verifyPassword(user.passwordHash, input.admin.password))) {
              throw new UnauthenticatedError('Wrong e-mail or password');
            }
            const organisation = await manager.findOneByOrFail(Organisation, {
              id: membership.organisationId,
            });
            return {
              organisation,
              session: await this.auth.openSession(manager, membership, crypto.randomUUID()),
            };
          },
        );
      });
    } catch (error) {
      if (
        (error as { driverError?: { code?: string; constraint?: string } }).driverError?.code ===
        PG_UNIQUE_VIOLATION
      ) {
        // PostgreSQL names the column in the detail: "Key (finess)=(…) already exists."
        const onFiness = (error as { driverError?: { detail?: string } }).driverError?.detail?.includes(
          '(finess)',
        );
        throw new ConflictError(
          `An organisation with this ${onFiness ? 'FINESS number' : 'SIRET'} is already registered`,
          {
            field: onFiness ? 'organisation.finess' : 'organisation.siret',
          },
        );
      }
      throw error;
    }
  }

  /**
   * Restricts a query on organisations (alias `o`) to what the caller may see: the DGE everything;
   * everyone their own organisation; a referent the companies of their filière; a large group its
   * active subcontractors; a subcontractor the groups that linked it.
   */
  scopeVisible(ctx: RequestContext, qb: SelectQueryBuilder<Organisation>): SelectQueryBuilder<Organisation> {
    const principal = ctx.requirePrincipal();
    if (ctx.isDge) return qb;
    const params = {
      me: principal.organisationId,
      filiere: principal.filiereId ?? null,
      active: SubcontractingStatus.ACTIVE,
    };
    const clauses = [
      'o.id = :me',
      `EXISTS (SELECT 1 FROM subcontracting_link l WHERE l.group_id = :me AND l.subcontractor_id = o.id AND l.status = :active)`,
      `EXISTS (SELECT 1 FROM subcontracting_link l WHERE l.subcontractor_id = :me AND l.group_id = o.id)`,
    ];
    if (principal.roles.includes(Role.FILIERE_REFERENT) && principal.filiereId) {
      clauses.push(
        `EXISTS (SELECT 1 FROM filiere_membership fm WHERE fm.organisation_id = o.id AND fm.filiere_code = :filiere)`,
      );
    }
    return qb.andWhere(`(${clauses.join(' OR ')})`, params);
  }

  async findVisible(ctx: RequestContext, id: string): Promise<Organisation> {
    // One's own organisation is always visible: a plain key read, without the scope's subqueries
    // (PostgreSQL plans them on every call; they more than doubled its CPU time for `myOrganisation`).
    const organisation =
      id === ctx.organisationId
        ? await this.organisationById(id)
        : await this.scopeVisible(
            ctx,
            this.dataSource.getRepository(Organisation).createQueryBuilder('o').where('o.id = :id', { id }),
          ).getOne();
    if (!organisation) throw new NotFoundError('Organisation', id);
    return organisation;
  }

  async list(ctx: RequestContext, args: OrganisationsArgs): Promise<Connection<Organisation>> {
    const qb = this.scopeVisible(ctx, this.dataSource.getRepository(Organisation).createQueryBuilder('o'));
    if (args.kind) qb.andWhere(':kind = ANY(o.kinds)', { kind: args.kind });
    if (args.departmentCode)
      qb.andWhere('o.department_code = :dep', { dep: args.departmentCode.toUpperCase() });
    if (args.regionCode) qb.andWhere('o.region_code = :region', { region: args.regionCode });
    if (args.search)
      qb.andWhere('o.name ILIKE :search', { search: `%${args.search.replace(/[%_\\]/g, '\\$&')}%` });
    if (args.filiereCode) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM filiere_membership f2 WHERE f2.organisation_id = o.id AND f2.filiere_code = :fc)',
        {
          fc: args.filiereCode,
        },
      );
    }
    const sort =
      args.sort === OrganisationSort.CREATED_AT
        ? { column: 'o.created_at', value: (o: Organisation) => o.createdAt }
        : { column: 'o.name', value: (o: Organisation) => o.name };
    return paginate(qb, 'o.id', { ...sort, direction: args.direction }, args);
  }

  async update(ctx: RequestContext, input: UpdateOrganisationInput): Promise<Organisation> {
    return this.dataSource.transaction(async (manager) => {
      const organisation = await manager
        .getRepository(Organisation)
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.id = :id', { id: ctx.organisationId })
        .getOneOrFail();
      const before = snapshot(organisation);
      if (input.departmentCode !== undefined) {
        const department = findDepartment(input.departmentCode);
        if (!department)
          throw new BadInputError(`Unknown department code "${input.departmentCode}"`, {
            field: 'departmentCode',
            reason: 'UNKNOWN_DEPARTMENT',
            args: { departmentCode: input.departmentCode },
          });
        // A health establishment's FINESS number says its department: it cannot move away from it.
        const finess = finessOfOrganisation(
          organisation.finess !== null,
          organisation.finess,
          department.code,
        );
        if (!finess.ok) throw new BadInputError(finess.reason, { field: 'departmentCode' });
        organisation.departmentCode = department.code;
        organisation.regionCode = department.regionCode;
      }
      if (input.headcount !== undefined) {
        organisation.headcount = input.headcount;
        organisation.sizeClass = sizeClassOf(input.headcount);
      }
      if (input.name !== undefined) organisation.name = input.name.trim();
      if (input.city !== undefined) organisation.city = input.city;
      if (input.salesContact !== undefined) organisation.salesContact = input.salesContact;
      const saved = await manager.save(organisation);
      await audit(manager, ctx, {
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: saved.id,
        organisationId: saved.id,
        before,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /** Batched for the Organisation.filieres field: one query per request, whatever the page size. */
  filieresOf(ctx: RequestContext, organisationId: string): Promise<Filiere[]> {
    return ctx
      .loader<string, Filiere[]>('organisation.filieres', async (ids) => {
        const rows: { organisation_id: string; code: string; name: string }[] = await this.dataSource.query(
          `SELECT fm.organisation_id, f.code, f.name FROM filiere_membership fm JOIN filiere f ON f.code = fm.filiere_code
           WHERE fm.organisation_id = ANY($1::uuid[]) ORDER BY f.name`,
          [ids],
        );
        return ids.map((id) =>
          rows.filter((row) => row.organisation_id === id).map(({ code, name }) => ({ code, name })),
        );
      })
      .load(organisationId);
  }

  /** Batched organisation lookup, already scoped (used by Membership.organisation and links). */
  visibleById(ctx: RequestContext, id: string): Promise<Organisation | null> {
    return ctx
      .loader<string, Organisation | null>('organisation.byId', async (ids) => {
        const qb = this.dataSource
          .getRepository(Organisation)
          .createQueryBuilder('o')
          .where('o.id = ANY(:ids)', { ids: [...ids] });
        const rows = await this.scopeVisible(ctx, qb).getMany();
        return ids.map((id) => rows.find((row) => row.id === id) ?? null);
      })
      .load(id);
  }

  listFilieres(): Promise<Filiere[]> {
    return this.dataSource.getRepository(Filiere).find({ order: { name: 'ASC' } });
  }

  async setFiliereMembership(
    ctx: RequestContext,
    filiereCode: string,
    member: boolean,
  ): Promise<Organisation> {
    return this.dataSource.transaction(async (manager) => {
      await this.checkFilieres(manager, [filiereCode]);
      const organisationId = ctx.organisationId;
      if (member) {
        await manager.query(
          `INSERT INTO filiere_membership (organisation_id, filiere_code) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
          [organisationId, filiereCode],
        );
      } else {
        await manager.delete(FiliereMembership, { organisationId, filiereCode });
      }
      await audit(manager, ctx, {
        action: member ? 'filiere.joined' : 'filiere.left',
        entityType: 'organisation',
        entityId: organisationId,
        organisationId,
        after: { filiereCode },
      });
      return manager.findOneByOrFail(Organisation, { id: organisationId });
    });
  }

  /** A large group names a subcontractor by SIRET; the link waits for the subcontractor's confirmation. */
  async proposeSubcontractor(ctx: RequestContext, siretInput: string): Promise<SubcontractingLink> {
    const siret = checkSiret(siretInput);
    if (!siret.valid) throw new BadInputError(siret.reason, { field: 'siret', ...siret.refusal });
    return this.dataSource.transaction(async (manager) => {
      const group = await manager.findOneByOrFail(Organisation, { id: ctx.organisationId });
      if (!group.kinds.includes(OrganisationKind.LARGE_GROUP)) {
        throw new ForbiddenError('Only a large group (donneur d’ordre) declares subcontractors');
      }
      const subcontractor = await manager.findOneBy(Organisation, { siret: siret.siret });
      if (!subcontractor) throw new NotFoundError('Organisation with SIRET', siret.siret);
      if (subcontractor.id === group.id)
        throw new BadInputError('An organisation cannot subcontract to itself', {
          reason: 'SUBCONTRACTOR_IS_SELF',
        });
      await manager.query(
        `INSERT INTO subcontracting_link (group_id, subcontractor_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
        [group.id, subcontractor.id],
      );
      const link = await manager.findOneByOrFail(SubcontractingLink, {
        groupId: group.id,
        subcontractorId: subcontractor.id,
      });
      await audit(manager, ctx, {
        action: 'subcontracting.proposed',
        entityType: 'subcontracting_link',
        entityId: link.id,
        organisationId: subcontractor.id,
        after: { groupId: group.id, subcontractorId: subcontractor.id },
      });
      return link;
    });
  }

  async confirmSubcontracting(ctx: RequestContext, linkId: string): Promise<SubcontractingLink> {
    return this.dataSource.transaction(async (manager) => {
      const link = await manager.findOneBy(SubcontractingLink, {
        id: linkId,
        subcontractorId: ctx.organisationId,
      });
      if (!link) throw new NotFoundError('Subcontracting link', linkId);
      link.status = SubcontractingStatus.ACTIVE;
      await manager.save(link);
      await audit(manager, ctx, {
        action: 'subcontracting.confirmed',
        entityType: 'subcontracting_link',
        entityId: link.id,
        organisationId: ctx.organisationId,
        before: { status: SubcontractingStatus.PENDING },
        after: { status: link.status },
      });
      return link;
    });
  }

  /** Links where the caller is the group or the subcontractor. */
  subcontractingLinks(ctx: RequestContext): Promise<SubcontractingLink[]> {
    return this.dataSource.getRepository(SubcontractingLink).find({
      where: [{ groupId: ctx.organisationId }, { subcontractorId: ctx.organisationId }],
      order: { createdAt: 'ASC' },
      take: 500,
    });
  }
}
