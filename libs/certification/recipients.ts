import type { EntityManager } from 'typeorm';
import { Role } from '@masks/core';

/** E-mail addresses of the people holding one of `roles` (in one organisation, or anywhere). */
async function emailsOf(manager: EntityManager, roles: Role[], organisationId?: string): Promise<string[]> {
  const rows: { email: string }[] = await manager.query(
    `SELECT DISTINCT u.email FROM membership m JOIN app_user u ON u.id = m.user_id
     WHERE m.roles && $1::text[] AND ($2::uuid IS NULL OR m.organisation_id = $2) ORDER BY u.email`,
    [roles, organisationId ?? null],
  );
  return rows.map((row) => row.email);
}

/** Who answers for a supplier's certifications: its administrators and supplier managers. */
export const supplierRecipients = (manager: EntityManager, supplierId: string): Promise<string[]> =>
  emailsOf(manager, [Role.ORG_ADMIN, Role.SUPPLIER_MANAGER], supplierId);

/** The DGE officers, who decide on evidence. */
export const dgeRecipients = (manager: EntityManager): Promise<string[]> => emailsOf(manager, [Role.DGE_OFFICER]);
