import type { EntityManager } from 'typeorm';
import { BadInputError, ConflictError, NotFoundError, type RequestContext } from '@masks/core';
import {
  decideConsumption,
  remainingFor,
  type ConsumptionAsk,
  type ConsumptionState,
  type PersonShare,
  type QuotaProblem,
} from './domain/consumption';
import { organisationCap, type QuotaSchemeRules } from './domain/scheme';
import { periodOf, type QuotaPeriod } from './domain/period';
import { QuotaLedgerReason, QuotaScheme } from './quota.entity';

/** The pure rules of a stored scheme. */
export function rulesOf(scheme: QuotaScheme): QuotaSchemeRules {
  return {
    code: scheme.code,
    name: scheme.name,
    unit: scheme.unit,
    capPerPerson: scheme.capPerPerson,
    period: { lengthDays: scheme.periodDays, anchorDate: scheme.periodAnchor },
    maxPersonsPerOrganisation: scheme.maxPersonsPerOrganisation,
    lotSizes: scheme.lotSizes,
    minDaysBetweenOrders: scheme.minDaysBetweenOrders,
    eligibility: scheme.eligibility,
    effectiveFrom: scheme.effectiveFrom,
    effectiveUntil: scheme.effectiveUntil,
  };
}

/** The version of a scheme in force at an instant. */
export async function schemeInForce(manager: EntityManager, code: string, at: Date): Promise<QuotaScheme> {
  const scheme = await manager
    .createQueryBuilder(QuotaScheme, 's')
    .where('s.code = :code AND s.effective_from <= :at', { code, at })
    .andWhere('(s.effective_until IS NULL OR s.effective_until > :at)', { at })
    .orderBy('s.effective_from', 'DESC')
    .getOne();
  if (!scheme) throw new NotFoundError('Quota scheme in force', code);
  return scheme;
}

const BAD_INPUT: QuotaProblem[] = ['BAD_QUANTITY', 'NOT_A_SUM_OF_LOTS', 'DUPLICATE_PERSON'];

/** A consumption the scheme refuses; `reason` in the GraphQL extensions names the rule. */
export class QuotaRefusedError extends ConflictError {
  constructor(
    readonly problem: QuotaProblem,
    message: string,
    details: Record<string, unknown>,
  ) {
    super(message, { reason: problem, ...details });
  }
}

function refusal(problem: QuotaProblem, message: string, details: Record<string, unknown>): Error {
  return BAD_INPUT.includes(problem)
    ? new BadInputError(message, { reason: problem, ...details })
    : new QuotaRefusedError(problem, message, details);
}

export interface ConsumeRequest {
  scheme: QuotaScheme;
  organisationId: string;
  /** The instant the order is taken: it decides the period. */
  at: Date;
  ask: ConsumptionAsk;
  /** The order the units are for; a release gives back what this reference took. */
  orderRef: string;
}

export interface ConsumeResult {
  period: QuotaPeriod;
  shares: PersonShare[];
  total: number;
}

/**
 * Takes units of a quota inside the caller's transaction (which also reserves the store's stock, so
 * both commit or neither does).
 *
 * Concurrency: row locks in a fixed order. First the organisation's account row in the scheme
 * (upserted, which locks it), so every consumption of one organisation waits for the previous one to
 * commit and then reads current counters; the pure decision is taken on those. Then the person rows
 * (one statement, person ids sorted) and the organisation's period row, each an atomic conditional
 * upsert that re-checks its own cap: a person or organisation over its limit is impossible even for
 * a writer that skipped the account lock. The caller takes any other lock (store stock) after this.
 */
export async function consumeQuota(
  manager: EntityManager,
  ctx: RequestContext,
  request: ConsumeRequest,
): Promise<ConsumeResult> {
  const { scheme, organisationId, at } = request;
  const rules = rulesOf(scheme);
  const period = periodOf(rules.period, at);
  const personIds =
    request.ask.kind === 'named' ? request.ask.allocations.map((a) => a.personId) : request.ask.personIds;
  const decide = async () => {
    const state = await readState(manager, scheme.id, organisationId, period.startDate, personIds);
    return decideConsumption(rules, at, { period, ...state }, request.ask);
  };
  // A first decision without any lock refuses at once what is already refused (a company at its cap,
  // a person with nothing left): under a burst of orders for one company, only the few that may pass
  // queue for its lock. Counters only grow within a period, save a release, so this refusal was true
  // at the moment it was read.
  const early = await decide();
  if (!early.ok) throw refusal(early.problem, early.message, early.details);
  await manager.query(
    `INSERT INTO quota_account (scheme_id, organisation_id) VALUES ($1, $2)
     ON CONFLICT (scheme_id, organisation_id) DO UPDATE SET last_order_at = quota_account.last_order_at`,
    [scheme.id, organisationId],
  );
  const decision = await decide();
  if (!decision.ok) throw refusal(decision.problem, decision.message, decision.details);

  const shares = [...decision.shares].sort((a, b) => (a.personId < b.personId ? -1 : 1));
  const persons: { person_id: string; inserted: boolean }[] = await manager.query(
    `INSERT INTO quota_person_usage AS u (scheme_id, person_id, period_start, organisation_id, used)
     SELECT $1, d.person_id, $2, $3, d.quantity FROM unnest($4::uuid[], $5::int[]) AS d(person_id, quantity)
     WHERE d.quantity <= $6
     ON CONFLICT (scheme_id, person_id, period_start)
     DO UPDATE SET used = u.used + EXCLUDED.used WHERE u.used + EXCLUDED.used <= $6
     RETURNING u.person_id, (u.xmax = 0) AS inserted`,
    [
      scheme.id,
      period.startDate,
      organisationId,
      shares.map((s) => s.personId),
      shares.map((s) => s.quantity),
      rules.capPerPerson,
    ],
  );
  if (persons.length !== shares.length)
    throw refusal('PERSON_CAP', 'a person’s quota was taken meanwhile', { period: period.startDate });
  const newPersons = persons.filter((p) => p.inserted).length;
  const orgCap = organisationCap(rules);
  const orgRows: unknown[] = await manager.query(
    `INSERT INTO quota_organisation_usage AS o (scheme_id, organisation_id, period_start, used, persons)
     SELECT $1, $2, $3, $4, $5 WHERE ($6::int IS NULL OR $4 <= $6) AND ($7::int IS NULL OR $5 <= $7)
     ON CONFLICT (scheme_id, organisation_id, period_start)
     DO UPDATE SET used = o.used + EXCLUDED.used, persons = o.persons + EXCLUDED.persons
     WHERE ($6::int IS NULL OR o.used + EXCLUDED.used <= $6) AND ($7::int IS NULL OR o.persons + EXCLUDED.persons <= $7)
     RETURNING 1`,
    [
      scheme.id,
      organisationId,
      period.startDate,
      decision.total,
      newPersons,
      orgCap,
      rules.maxPersonsPerOrganisation,
    ],
  );
  if (orgRows.length !== 1)
    throw refusal('ORGANISATION_CAP', 'the organisation’s quota was taken meanwhile', {
      period: period.startDate,
    });
  await manager.query(
    `UPDATE quota_account SET last_order_at = $3 WHERE scheme_id = $1 AND organisation_id = $2`,
    [scheme.id, organisationId, at],
  );
  await writeLedger(manager, ctx, {
    schemeId: scheme.id,
    organisationId,
    periodStart: period.startDate,
    reason: QuotaLedgerReason.CONSUMPTION,
    orderRef: request.orderRef,
    at,
    entries: shares.map((s) => ({ personId: s.personId, quantity: s.quantity })),
  });
  return { period, shares: decision.shares, total: decision.total };
}

/**
 * Gives back what an order took and has not given back yet (or up to `upTo` units of it), to the periods it was taken in (an
 * order of the last fortnight that expires returns nothing to this one). Idempotent: a second call
 * finds nothing left to return. The person stays counted in the period (its usage row stays, at 0).
 */
export async function releaseQuota(
  manager: EntityManager,
  ctx: RequestContext,
  orderRef: string,
  at: Date = new Date(),
  /** At most this many units (a partly collected order gives back the rest); all by default. */
  upTo = Infinity,
): Promise<number> {
  const accounts: { scheme_id: string; organisation_id: string }[] = await manager.query(
    `SELECT DISTINCT scheme_id, organisation_id FROM quota_ledger_entry WHERE order_ref = $1 ORDER BY 1, 2`,
    [orderRef],
  );
  for (const account of accounts)
    await manager.query(
      `SELECT 1 FROM quota_account WHERE scheme_id = $1 AND organisation_id = $2 FOR UPDATE`,
      [account.scheme_id, account.organisation_id],
    );
  const open: {
    scheme_id: string;
    organisation_id: string;
    person_id: string;
    period_start: string;
    quantity: number;
  }[] = await manager.query(
    `SELECT scheme_id, organisation_id, person_id, period_start::text, sum(quantity)::int AS quantity
     FROM quota_ledger_entry WHERE order_ref = $1
     GROUP BY scheme_id, organisation_id, person_id, period_start HAVING sum(quantity) > 0
     ORDER BY scheme_id, person_id, period_start`,
    [orderRef],
  );
  let released = 0;
  // A partial release takes from the last persons first (the order's persons by id, reversed).
  for (const open_ of [...open].reverse()) {
    if (released >= upTo) break;
    const row = { ...open_, quantity: Math.min(open_.quantity, upTo - released) };
    await manager.query(
      `UPDATE quota_person_usage SET used = used - $4 WHERE scheme_id = $1 AND person_id = $2 AND period_start = $3`,
      [row.scheme_id, row.person_id, row.period_start, row.quantity],
    );
    await manager.query(
      `UPDATE quota_organisation_usage SET used = used - $4 WHERE scheme_id = $1 AND organisation_id = $2 AND period_start = $3`,
      [row.scheme_id, row.organisation_id, row.period_start, row.quantity],
    );
    await writeLedger(manager, ctx, {
      schemeId: row.scheme_id,
      organisationId: row.organisation_id,
      periodStart: row.period_start,
      reason: QuotaLedgerReason.RELEASE,
      orderRef,
      at,
      entries: [{ personId: row.person_id, quantity: -row.quantity }],
    });
    released += row.quantity;
  }
  return released;
}

async function writeLedger(
  manager: EntityManager,
  ctx: RequestContext,
  rows: {
    schemeId: string;
    organisationId: string;
    periodStart: string;
    reason: QuotaLedgerReason;
    orderRef: string;
    at: Date;
    entries: { personId: string; quantity: number }[];
  },
): Promise<void> {
  await manager.query(
    `INSERT INTO quota_ledger_entry (scheme_id, organisation_id, person_id, period_start, quantity, reason, order_ref, actor_user_id, at)
     SELECT $1, $2, d.person_id, $3, d.quantity, $4, $5, $6, $7 FROM unnest($8::uuid[], $9::int[]) AS d(person_id, quantity)`,
    [
      rows.schemeId,
      rows.organisationId,
      rows.periodStart,
      rows.reason,
      rows.orderRef,
      ctx.userId ?? null,
      rows.at,
      rows.entries.map((e) => e.personId),
      rows.entries.map((e) => e.quantity),
    ],
  );
}

/** Everything a decision needs, in one round trip. */
async function readState(
  manager: EntityManager,
  schemeId: string,
  organisationId: string,
  periodStart: string,
  personIds: readonly string[],
): Promise<Omit<ConsumptionState, 'period'>> {
  const [row]: {
    last_order_at: Date | null;
    used: number | null;
    persons: number | null;
    person_used: [string, number][];
  }[] = await manager.query(
    `SELECT (SELECT last_order_at FROM quota_account WHERE scheme_id = $1 AND organisation_id = $2) AS last_order_at,
            o.used, o.persons,
            (SELECT coalesce(json_agg(json_build_array(u.person_id, u.used)), '[]'::json) FROM quota_person_usage u
             WHERE u.scheme_id = $1 AND u.period_start = $3 AND u.person_id = ANY($4::uuid[])) AS person_used
     FROM (SELECT 1) AS one
     LEFT JOIN quota_organisation_usage o ON o.scheme_id = $1 AND o.organisation_id = $2 AND o.period_start = $3`,
    [schemeId, organisationId, periodStart, [...new Set(personIds)]],
  );
  return {
    organisationUsed: row.used ?? 0,
    organisationPersons: row.persons ?? 0,
    personUsed: new Map(row.person_used),
    lastOrderAt: row.last_order_at,
  };
}

async function usedByPersons(
  manager: EntityManager,
  schemeId: string,
  periodStart: string,
  personIds: readonly string[],
): Promise<Map<string, number>> {
  if (!personIds.length) return new Map();
  const rows: { person_id: string; used: number }[] = await manager.query(
    `SELECT person_id, used FROM quota_person_usage WHERE scheme_id = $1 AND period_start = $2 AND person_id = ANY($3::uuid[])`,
    [schemeId, periodStart, [...new Set(personIds)]],
  );
  return new Map(rows.map((row) => [row.person_id, row.used]));
}

/** What each person has used and has left in the period of an instant. */
export async function quotaLeft(
  manager: EntityManager,
  scheme: QuotaScheme,
  personIds: readonly string[],
  at: Date,
): Promise<{ period: QuotaPeriod; persons: { personId: string; used: number; remaining: number }[] }> {
  const rules = rulesOf(scheme);
  const period = periodOf(rules.period, at);
  const used = await usedByPersons(manager, scheme.id, period.startDate, personIds);
  return { period, persons: remainingFor(rules, used, personIds) };
}

/** What an organisation used in the period of an instant, and how many of its persons count. */
export async function organisationUsage(
  manager: EntityManager,
  scheme: QuotaScheme,
  organisationId: string,
  at: Date,
): Promise<{ period: QuotaPeriod; used: number; persons: number; remaining: number | null }> {
  const rules = rulesOf(scheme);
  const period = periodOf(rules.period, at);
  const [row]: { used: number; persons: number }[] = await manager.query(
    `SELECT used, persons FROM quota_organisation_usage WHERE scheme_id = $1 AND organisation_id = $2 AND period_start = $3`,
    [scheme.id, organisationId, period.startDate],
  );
  const cap = organisationCap(rules);
  const used = row?.used ?? 0;
  return { period, used, persons: row?.persons ?? 0, remaining: cap === null ? null : cap - used };
}
