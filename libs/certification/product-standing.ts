import type { EntityManager } from 'typeorm';
import { certifiedProducts } from '@masks/catalog';
import { CertificationStatus } from './domain/certification.states';

/** Why a product is not certified now: the latest withdrawal among its certifications. */
export interface CertificationWithdrawal {
  status: CertificationStatus.SUSPENDED | CertificationStatus.REVOKED | CertificationStatus.EXPIRED;
  /** The DGE's reason (none for an expiry). */
  reason: string | null;
}

const WITHDRAWN = [CertificationStatus.SUSPENDED, CertificationStatus.REVOKED, CertificationStatus.EXPIRED];

/**
 * Where each product stands now: null when it is certified (whatever happened to some of its
 * certifications), else its latest withdrawal. Read from the current state, never from the event that
 * asked, so follow-ups running late or out of order still end on the truth.
 */
export async function productStandings(
  manager: EntityManager,
  productIds: string[],
  now = new Date(),
): Promise<Map<string, CertificationWithdrawal | null>> {
  const ids = [...new Set(productIds)];
  const certified = await certifiedProducts(manager, ids, now);
  const uncertified = ids.filter((id) => !certified.has(id));
  const rows: {
    product_id: string;
    status: CertificationWithdrawal['status'];
    status_reason: string | null;
  }[] = uncertified.length
    ? await manager.query(
        `SELECT DISTINCT ON (product_id) product_id, status, status_reason FROM certification
           WHERE product_id = ANY($1::uuid[]) AND status = ANY($2::text[])
           ORDER BY product_id, decided_at DESC NULLS LAST, id`,
        [uncertified, WITHDRAWN],
      )
    : [];
  const latest = new Map(rows.map((row) => [row.product_id, row]));
  return new Map(
    ids.map((id) => {
      const row = latest.get(id);
      if (certified.has(id) || !row) return [id, null];
      const reason = row.status === CertificationStatus.EXPIRED ? null : row.status_reason;
      return [id, { status: row.status, reason }];
    }),
  );
}
