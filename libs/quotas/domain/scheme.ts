import { periodProblem, type PeriodRule } from './period';

/** Size classes as the organisations lib names them (INSEE, by headcount). */
export type SizeClassName = 'TPE' | 'PME' | 'ETI' | 'GE';

/** Who may enrol in a scheme: data, so another scheme can say otherwise without code. */
export interface EligibilityRules {
  /** Sizes admitted; empty means any. */
  sizeClasses: SizeClassName[];
  /** Refuse a company that a large group on the platform declared as its subcontractor. */
  excludeSubcontractorsOfLargeGroups: boolean;
  /** Refuse a company that declares a parent company (a subsidiary), or shares a large group's SIREN. */
  excludeSubsidiaries: boolean;
}

/**
 * A quota scheme: who may take part, what is counted, how much per person per period, and how it is
 * sold. The Cdiscount click & collect scheme (25 surgical masks per person per fortnight, 250 persons
 * per company), the La Poste one (4 per employee per 2 weeks, lots of 6 or 40, one order per 15 days)
 * and the pharmacies' weekly quotas are all values of this type.
 */
export interface QuotaSchemeRules {
  code: string;
  name: string;
  /** What one unit is (e.g. 'surgical mask'). */
  unit: string;
  capPerPerson: number;
  period: PeriodRule;
  /** The most persons of one organisation counted in one period; null for no limit. */
  maxPersonsPerOrganisation: number | null;
  /** Order quantities must be a sum of these lot sizes; empty means any whole number. */
  lotSizes: number[];
  /** Days that must pass between two orders of one organisation; null for none. */
  minDaysBetweenOrders: number | null;
  eligibility: EligibilityRules;
  /** The instants the scheme is in force: [effectiveFrom, effectiveUntil). */
  effectiveFrom: Date;
  effectiveUntil: Date | null;
}

const positiveInteger = (value: number) => Number.isInteger(value) && value > 0;

/** Why a scheme's configuration cannot be used, or null. */
export function schemeProblem(scheme: QuotaSchemeRules): string | null {
  if (!scheme.code.trim()) return 'a scheme needs a code';
  if (!positiveInteger(scheme.capPerPerson)) return 'the cap per person must be a positive whole number';
  const period = periodProblem(scheme.period);
  if (period) return period;
  if (scheme.maxPersonsPerOrganisation !== null && !positiveInteger(scheme.maxPersonsPerOrganisation))
    return 'the most persons per organisation must be a positive whole number (or none)';
  if (!scheme.lotSizes.every(positiveInteger)) return 'lot sizes must be positive whole numbers';
  if (scheme.minDaysBetweenOrders !== null && !positiveInteger(scheme.minDaysBetweenOrders))
    return 'the days between orders must be a positive whole number (or none)';
  if (scheme.effectiveUntil && scheme.effectiveUntil.getTime() <= scheme.effectiveFrom.getTime())
    return 'a scheme must end after it starts';
  return null;
}

export const inForce = (scheme: Pick<QuotaSchemeRules, 'effectiveFrom' | 'effectiveUntil'>, at: Date) =>
  scheme.effectiveFrom.getTime() <= at.getTime() &&
  (scheme.effectiveUntil === null || at.getTime() < scheme.effectiveUntil.getTime());

/** The most units an organisation can take in one period (null when the persons are not limited). */
export const organisationCap = (scheme: QuotaSchemeRules): number | null =>
  scheme.maxPersonsPerOrganisation === null ? null : scheme.capPerPerson * scheme.maxPersonsPerOrganisation;

/**
 * Whether a quantity is a sum of the lot sizes (lots of 6 or 40: 46 and 52 are, 10 is not). A plain
 * coin-change table: quantities are at most a few thousand.
 */
export function isSumOfLots(quantity: number, lotSizes: readonly number[]): boolean {
  if (!Number.isInteger(quantity) || quantity <= 0) return false;
  if (!lotSizes.length) return true;
  const reachable = new Uint8Array(quantity + 1);
  reachable[0] = 1;
  for (let q = 1; q <= quantity; q++)
    for (const lot of lotSizes) if (lot <= q && reachable[q - lot]) reachable[q] = 1;
  return reachable[quantity] === 1;
}
