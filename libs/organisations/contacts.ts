import type { EntityManager } from 'typeorm';
import { Role } from '@masks/core';

/** Where an organisation is told things: its first administrator's e-mail (null if it has none). */
export async function adminContactOf(manager: EntityManager, organisationId: string): Promise<string | null> {
  const [row]: { email: string }[] = await manager.query(
    `SELECT u.email FROM membership m JOIN app_user u ON u.id = m.user_id
     WHERE m.organisation_id = $1 AND $2 = ANY(m.roles) ORDER BY m.created_at LIMIT 1`,
    [organisationId, Role.ORG_ADMIN],
  );
  return row?.email ?? null;
}
