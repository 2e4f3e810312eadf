import { BadInputError } from '@masks/core';

/** The orders a visitor can read the public list in. */
export enum CertifiedSuppliersSort {
  /** Company name, A to Z (the published order). */
  COMPANY = 'COMPANY',
  /** Region of production by name (a supplier with several: its first one), then company; abroad last. */
  REGION = 'REGION',
  /** Latest start of validity among the supplier's certified products first. */
  NEWEST_CERTIFIED = 'NEWEST_CERTIFIED',
}

/** The key of one supplier in each order: values the SQL selects, as text so no precision is lost. */
export interface SupplierSortKeys {
  id: string;
  company: string;
  region_rank: number;
  /** certified_at as text: a JavaScript Date would drop its microseconds. */
  certified_at_text: string;
}

interface SortPlan {
  /** SQL expressions of the keys, `id` last; all in one direction so a row comparison continues a page. */
  columns: string[];
  direction: 'ASC' | 'DESC';
  /** The cursor's values, in the same order as `columns`. */
  values: (row: SupplierSortKeys) => (string | number)[];
  casts: string[];
}

const PLANS: Record<CertifiedSuppliersSort, SortPlan> = {
  [CertifiedSuppliersSort.COMPANY]: {
    columns: ['company', 'id'],
    direction: 'ASC',
    values: (row) => [row.company, row.id],
    casts: ['text', 'uuid'],
  },
  [CertifiedSuppliersSort.REGION]: {
    columns: ['region_rank', 'company', 'id'],
    direction: 'ASC',
    values: (row) => [Number(row.region_rank), row.company, row.id],
    casts: ['int', 'text', 'uuid'],
  },
  [CertifiedSuppliersSort.NEWEST_CERTIFIED]: {
    columns: ['certified_at', 'id'],
    direction: 'DESC',
    values: (row) => [row.certified_at_text, row.id],
    casts: ['timestamptz', 'uuid'],
  },
};

export const encodeSupplierCursor = (sort: CertifiedSuppliersSort, row: SupplierSortKeys): string =>
  Buffer.from(JSON.stringify([sort, ...PLANS[sort].values(row)])).toString('base64url');

/**
 * ORDER BY and, after a cursor, the keyset condition of a page (parameters from `firstParam` on).
 * A cursor from another order is refused: continuing it would skip or repeat suppliers.
 */
export function supplierPageSql(
  sort: CertifiedSuppliersSort,
  after: string | undefined,
  firstParam: number,
): { where: string; orderBy: string; params: (string | number)[] } {
  const plan = PLANS[sort];
  const orderBy = plan.columns.map((column) => `${column} ${plan.direction}`).join(', ');
  if (!after) return { where: 'TRUE', orderBy, params: [] };
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    values = null;
  }
  if (
    !Array.isArray(values) ||
    values[0] !== sort ||
    values.length !== plan.columns.length + 1 ||
    !values.slice(1).every((value) => typeof value === 'string' || typeof value === 'number')
  )
    throw new BadInputError('Invalid cursor for this sort', { argument: 'after', reason: 'INVALID_CURSOR' });
  const placeholders = plan.casts.map((cast, i) => `$${firstParam + i}::${cast}`);
  const op = plan.direction === 'ASC' ? '>' : '<';
  return {
    where: `(${plan.columns.join(', ')}) ${op} (${placeholders.join(', ')})`,
    orderBy,
    params: values.slice(1) as (string | number)[],
  };
}
