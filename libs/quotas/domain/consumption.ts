import type { QuotaPeriod } from './period';
import { inForce, isSumOfLots, organisationCap, type QuotaSchemeRules } from './scheme';

/** What is already used, read under the organisation's lock (so it cannot change until commit). */
export interface ConsumptionState {
  period: QuotaPeriod;
  /** Units the organisation took this period, and how many of its persons are counted. */
  organisationUsed: number;
  organisationPersons: number;
  /** Persons counted this period (a row exists) and what each used; absent means not counted yet. */
  personUsed: ReadonlyMap<string, number>;
  /** The organisation's last order under the scheme, any period. */
  lastOrderAt: Date | null;
}

export type ConsumptionAsk =
  /** So many units for each named person. */
  | { kind: 'named'; allocations: readonly { personId: string; quantity: number }[] }
  /** So many units in all, spread over these persons (in this order of preference) with quota left. */
  | { kind: 'spread'; quantity: number; personIds: readonly string[] };

export interface PersonShare {
  personId: string;
  quantity: number;
  /** Used this period once this consumption counts, and what is left of the cap. */
  usedAfter: number;
  remaining: number;
}

export type QuotaProblem =
  | 'NOT_IN_FORCE'
  | 'BAD_QUANTITY'
  | 'NOT_A_SUM_OF_LOTS'
  | 'DUPLICATE_PERSON'
  | 'PERSON_CAP'
  | 'ORGANISATION_CAP'
  | 'PERSONS_LIMIT'
  | 'NOT_ENOUGH_QUOTA'
  | 'TOO_SOON';

export type ConsumptionDecision =
  | { ok: true; shares: PersonShare[]; total: number; newPersons: number }
  | { ok: false; problem: QuotaProblem; message: string; details: Record<string, unknown> };

const refuse = (
  problem: QuotaProblem,
  message: string,
  details: Record<string, unknown> = {},
): ConsumptionDecision => ({ ok: false, problem, message, details });

const DAY_MS = 86_400_000;

/**
 * Whether an organisation may take these units now, and how they count per person. Pure: the caller
 * reads the state under a lock and writes what this returns in the same transaction.
 */
export function decideConsumption(
  scheme: QuotaSchemeRules,
  at: Date,
  state: ConsumptionState,
  ask: ConsumptionAsk,
): ConsumptionDecision {
  if (!inForce(scheme, at)) return refuse('NOT_IN_FORCE', `the scheme ${scheme.code} is not in force`);
  const wanted =
    ask.kind === 'named' ? ask.allocations.reduce((sum, a) => sum + a.quantity, 0) : ask.quantity;
  const quantities = ask.kind === 'named' ? ask.allocations.map((a) => a.quantity) : [ask.quantity];
  if (
    !quantities.length ||
    !quantities.every((q) => Number.isInteger(q) && q > 0) ||
    !Number.isSafeInteger(wanted)
  )
    return refuse('BAD_QUANTITY', 'quantities must be positive whole numbers');
  if (!isSumOfLots(wanted, scheme.lotSizes))
    return refuse('NOT_A_SUM_OF_LOTS', `${wanted} is not a sum of lots of ${scheme.lotSizes.join(' or ')}`, {
      lotSizes: scheme.lotSizes,
    });
  if (scheme.minDaysBetweenOrders !== null && state.lastOrderAt) {
    const nextAllowed = new Date(state.lastOrderAt.getTime() + scheme.minDaysBetweenOrders * DAY_MS);
    if (at.getTime() < nextAllowed.getTime())
      return refuse(
        'TOO_SOON',
        `one order per ${scheme.minDaysBetweenOrders} days: the next is possible from ${nextAllowed.toISOString()}`,
        { nextAllowedAt: nextAllowed.toISOString() },
      );
  }
  const orgCap = organisationCap(scheme);
  if (orgCap !== null && state.organisationUsed + wanted > orgCap)
    return refuse(
      'ORGANISATION_CAP',
      `the organisation may take ${orgCap} units this period and has ${orgCap - state.organisationUsed} left`,
      { remaining: Math.max(0, orgCap - state.organisationUsed) },
    );
  const allocations = ask.kind === 'named' ? [...ask.allocations] : spread(scheme, state, ask);
  if (!allocations) {
    return refuse('NOT_ENOUGH_QUOTA', `the persons named have less than ${wanted} units left this period`, {
      remaining: remainingAmong(scheme, state, ask.kind === 'spread' ? ask.personIds : []),
    });
  }
  const seen = new Set<string>();
  const shares: PersonShare[] = [];
  let newPersons = 0;
  for (const { personId, quantity } of allocations) {
    if (seen.has(personId))
      return refuse('DUPLICATE_PERSON', `person ${personId} is named twice`, { personId });
    seen.add(personId);
    const counted = state.personUsed.has(personId);
    const used = state.personUsed.get(personId) ?? 0;
    if (used + quantity > scheme.capPerPerson)
      return refuse(
        'PERSON_CAP',
        `a person may take ${scheme.capPerPerson} units per period: person ${personId} has ${scheme.capPerPerson - used} left`,
        { personId, remaining: scheme.capPerPerson - used },
      );
    if (!counted) newPersons++;
    shares.push({
      personId,
      quantity,
      usedAfter: used + quantity,
      remaining: scheme.capPerPerson - used - quantity,
    });
  }
  if (
    scheme.maxPersonsPerOrganisation !== null &&
    state.organisationPersons + newPersons > scheme.maxPersonsPerOrganisation
  )
    return refuse(
      'PERSONS_LIMIT',
      `at most ${scheme.maxPersonsPerOrganisation} persons of an organisation are counted per period`,
      { counted: state.organisationPersons },
    );
  return { ok: true, shares, total: wanted, newPersons };
}

function remainingAmong(scheme: QuotaSchemeRules, state: ConsumptionState, personIds: readonly string[]) {
  return personIds.reduce(
    (sum, id) => sum + Math.max(0, scheme.capPerPerson - (state.personUsed.get(id) ?? 0)),
    0,
  );
}

/**
 * Fills persons up to their cap: those already counted this period first (they cost no place among the
 * organisation's counted persons), then the others, each group in the order given. Null when they
 * cannot take it all.
 */
function spread(
  scheme: QuotaSchemeRules,
  state: ConsumptionState,
  ask: { quantity: number; personIds: readonly string[] },
): { personId: string; quantity: number }[] | null {
  const unique = [...new Set(ask.personIds)];
  const ordered = [
    ...unique.filter((id) => state.personUsed.has(id)),
    ...unique.filter((id) => !state.personUsed.has(id)),
  ];
  let placesLeft =
    scheme.maxPersonsPerOrganisation === null
      ? Infinity
      : scheme.maxPersonsPerOrganisation - state.organisationPersons;
  let left = ask.quantity;
  const allocations: { personId: string; quantity: number }[] = [];
  for (const personId of ordered) {
    if (left === 0) break;
    const counted = state.personUsed.has(personId);
    if (!counted && placesLeft <= 0) continue;
    const take = Math.min(left, scheme.capPerPerson - (state.personUsed.get(personId) ?? 0));
    if (take <= 0) continue;
    if (!counted) placesLeft--;
    allocations.push({ personId, quantity: take });
    left -= take;
  }
  return left === 0 ? allocations : null;
}

/** What each person has left this period. */
export function remainingFor(
  scheme: QuotaSchemeRules,
  personUsed: ReadonlyMap<string, number>,
  personIds: readonly string[],
): { personId: string; used: number; remaining: number }[] {
  return personIds.map((personId) => {
    const used = personUsed.get(personId) ?? 0;
    return { personId, used, remaining: Math.max(0, scheme.capPerPerson - used) };
  });
}
