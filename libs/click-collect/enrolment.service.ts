import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import {
  AppError,
  audit,
  ConflictError,
  NotFoundError,
  paginate,
  type Connection,
  type RequestContext,
} from '@masks/core';
import { checkSiret, groupTiesOf, OrganisationKind, organisationOfKind } from '@masks/organisations';
import { decideEligibility, organisationUsage, quotaLeft, schemeInForce } from '@masks/quotas';
import { ClickCollectEnrolment, DeclaredPerson } from './click-collect.entity';
import { CLICK_COLLECT_SCHEME_CODE } from './domain/click-collect.rules';
import type {
  ClickCollectEnrolmentInput,
  DeclarePersonsInput,
  DeclaredPersonsArgs,
} from './dto/click-collect.inputs';
import type { ClickCollectQuota } from './models/click-collect.models';

/** Enrolment of a company with a network, the persons it orders for, and its quota this period. */
@Injectable()
export class EnrolmentService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Checks the scheme's eligibility rules against what the platform knows (size, SIRET, confirmed
   * subcontracting of a large group, a large group's SIREN) and what the company declares (a parent
   * company). A refusal (FORBIDDEN, reason NOT_ELIGIBLE) lists every rule that failed and records
   * nothing. Enrolling again with the same network returns the existing enrolment.
   */
  async enrol(ctx: RequestContext, input: ClickCollectEnrolmentInput): Promise<ClickCollectEnrolment> {
    return this.dataSource.transaction(async (manager) => {
      const network = await organisationOfKind(
        manager,
        input.networkId,
        OrganisationKind.RETAIL_PICKUP_NETWORK,
      );
      if (!network) throw new NotFoundError('Pickup network', input.networkId);
      const existing = await manager.findOneBy(ClickCollectEnrolment, {
        organisationId: ctx.organisationId,
        networkId: network.id,
      });
      if (existing) return existing;
      const scheme = await schemeInForce(manager, CLICK_COLLECT_SCHEME_CODE, new Date());
      const ties = await groupTiesOf(manager, ctx.organisationId);
      if (!ties) throw new NotFoundError('Organisation', ctx.organisationId);
      const decision = decideEligibility(scheme.eligibility, {
        sizeClass: ties.organisation.sizeClass,
        siretValid: checkSiret(ties.organisation.siret).valid,
        largeGroupsSubcontractedFor: ties.largeGroupsSubcontractedFor,
        parentCompanySiren: input.parentCompanySiren ?? null,
        establishmentOfLargeGroup: ties.establishmentOfLargeGroup,
      });
      if (!decision.eligible)
        throw new AppError(
          'FORBIDDEN',
          `Not eligible for ${scheme.name}: ${decision.reasons.map((r) => r.message).join('; ')}`,
          { reason: 'NOT_ELIGIBLE', refusals: decision.reasons },
        );
      const rows: { id: string }[] = await manager.query(
        `INSERT INTO click_collect_enrolment (organisation_id, network_id, scheme_code, parent_company_siren)
         VALUES ($1, $2, $3, $4) ON CONFLICT (organisation_id, network_id) DO NOTHING RETURNING id`,
        [ctx.organisationId, network.id, CLICK_COLLECT_SCHEME_CODE, input.parentCompanySiren ?? null],
      );
      if (rows.length)
        await audit(manager, ctx, {
          action: 'click_collect.enrolled',
          entityType: 'ClickCollectEnrolment',
          entityId: rows[0].id,
          organisationId: ctx.organisationId,
          after: { networkId: network.id, schemeCode: CLICK_COLLECT_SCHEME_CODE },
        });
      return manager.findOneByOrFail(ClickCollectEnrolment, {
        organisationId: ctx.organisationId,
        networkId: network.id,
      });
    });
  }

  myEnrolments(ctx: RequestContext): Promise<ClickCollectEnrolment[]> {
    return this.dataSource.manager.find(ClickCollectEnrolment, {
      where: { organisationId: ctx.organisationId },
      order: { enrolledAt: 'ASC' },
    });
  }

  /**
   * Declares persons (a reference already declared is refused, archived or not, so history never
   * mixes two people). At most the scheme's persons per company are active at once; the company's
   * enrolments are locked first so two concurrent declarations cannot pass the limit together.
   */
  async declarePersons(ctx: RequestContext, input: DeclarePersonsInput): Promise<DeclaredPerson[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockEnrolments(manager, ctx);
      const scheme = await schemeInForce(manager, CLICK_COLLECT_SCHEME_CODE, new Date());
      const refs = input.persons.map((p) => p.internalRef.trim());
      if (new Set(refs).size !== refs.length)
        throw new AppError('BAD_USER_INPUT', 'A reference is given twice', {
          argument: 'persons',
          reason: 'DUPLICATE_REFERENCE',
        });
      const taken: { internal_ref: string }[] = await manager.query(
        `SELECT internal_ref FROM declared_person WHERE organisation_id = $1 AND internal_ref = ANY($2::text[])`,
        [ctx.organisationId, refs],
      );
      if (taken.length)
        throw new ConflictError(`Already declared: ${taken.map((t) => t.internal_ref).join(', ')}`, {
          reason: 'DUPLICATE_REFERENCE',
          references: taken.map((t) => t.internal_ref),
        });
      const [{ active }]: { active: number }[] = await manager.query(
        `SELECT count(*)::int AS active FROM declared_person WHERE organisation_id = $1 AND archived_at IS NULL`,
        [ctx.organisationId],
      );
      const limit = scheme.maxPersonsPerOrganisation;
      if (limit !== null && active + refs.length > limit)
        throw new ConflictError(
          `At most ${limit} persons are counted per company: ${active} declared, ${limit - active} more possible (archive leavers first)`,
          { reason: 'PERSONS_LIMIT', active, limit },
        );
      const persons = await manager.save(
        input.persons.map((p, i) =>
          manager.create(DeclaredPerson, {
            organisationId: ctx.organisationId,
            internalRef: refs[i],
            name: p.name?.trim() || null,
            archivedAt: null,
          }),
        ),
      );
      await audit(manager, ctx, {
        action: 'click_collect.persons_declared',
        entityType: 'Organisation',
        entityId: ctx.organisationId,
        organisationId: ctx.organisationId,
        after: { references: refs },
      });
      return persons;
    });
  }

  /** A leaver is archived: no new order names them; their history stays. */
  async archivePerson(ctx: RequestContext, personId: string): Promise<DeclaredPerson> {
    return this.dataSource.transaction(async (manager) => {
      const person = await manager.findOneBy(DeclaredPerson, {
        id: personId,
        organisationId: ctx.organisationId,
      });
      if (!person) throw new NotFoundError('Person', personId);
      if (person.archivedAt) return person;
      person.archivedAt = new Date();
      await manager.save(person);
      await audit(manager, ctx, {
        action: 'click_collect.person_archived',
        entityType: 'DeclaredPerson',
        entityId: person.id,
        organisationId: ctx.organisationId,
      });
      return person;
    });
  }

  listPersons(ctx: RequestContext, args: DeclaredPersonsArgs): Promise<Connection<DeclaredPerson>> {
    const qb = this.dataSource
      .getRepository(DeclaredPerson)
      .createQueryBuilder('p')
      .where('p.organisation_id = :me', { me: ctx.organisationId });
    if (!args.includeArchived) qb.andWhere('p.archived_at IS NULL');
    return paginate(
      qb,
      'p.id',
      { column: 'p.internal_ref', value: (p) => p.internalRef, direction: 'ASC' },
      args,
    );
  }

  /** The company's quota this period: per active person, used and left. */
  quota(ctx: RequestContext, at = new Date()): Promise<ClickCollectQuota> {
    return quotaOf(this.dataSource.manager, ctx.organisationId, at);
  }

  private async lockEnrolments(manager: EntityManager, ctx: RequestContext): Promise<void> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM click_collect_enrolment WHERE organisation_id = $1 ORDER BY id FOR UPDATE`,
      [ctx.organisationId],
    );
    if (!rows.length)
      throw new ConflictError('The company must enrol with a pickup network first', {
        reason: 'NOT_ENROLLED',
      });
  }
}

/** Active persons of a company, in reference order. */
export function activePersons(manager: EntityManager, organisationId: string): Promise<DeclaredPerson[]> {
  return manager.find(DeclaredPerson, {
    where: { organisationId, archivedAt: IsNull() },
    order: { internalRef: 'ASC', id: 'ASC' },
  });
}

/** Ids only, for spreading an order: no entity to build per person on the hot path. */
export async function activePersonIds(manager: EntityManager, organisationId: string): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM declared_person WHERE organisation_id = $1 AND archived_at IS NULL ORDER BY internal_ref, id`,
    [organisationId],
  );
  return rows.map((row) => row.id);
}

export async function quotaOf(
  manager: EntityManager,
  organisationId: string,
  at: Date,
): Promise<ClickCollectQuota> {
  const scheme = await schemeInForce(manager, CLICK_COLLECT_SCHEME_CODE, at);
  const persons = await activePersons(manager, organisationId);
  const left = await quotaLeft(
    manager,
    scheme,
    persons.map((p) => p.id),
    at,
  );
  const usage = await organisationUsage(manager, scheme, organisationId, at);
  return {
    schemeCode: scheme.code,
    periodStart: left.period.startDate,
    periodEndsAt: left.period.endsAt,
    capPerPerson: scheme.capPerPerson,
    used: usage.used,
    remaining: usage.remaining,
    personsCounted: usage.persons,
    persons: left.persons.map((p, i) => ({ ...p, internalRef: persons[i].internalRef })),
  };
}
