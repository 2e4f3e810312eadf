import type { EntityManager } from 'typeorm';
import { Role } from '@masks/core';

/** Where organisations are told things: each one's first administrator's e-mail (null if none), in one query. */
export async function adminContactsOf(
  manager: EntityManager,
  organisationIds: string[],
): Promise<(string | null)[]> {
  const rows: { organisation_id: string; email: string }[] = await manager.query(
    `SELECT DISTINCT ON (m.organisation_id) m.organisation_id, u.email FROM membership m JOIN app_user u ON u.id = m.user_id
     WHERE m.organisation_id = ANY($1::uuid[]) AND $2 = ANY(m.roles) ORDER BY m.organisation_id, m.created_at`,
    [organisationIds, Role.ORG_ADMIN],
  );
  return organisationIds.map((id) => rows.find((row) => row.organisation_id === id)?.email ?? null);
}

/** E-mail addresses of everyone holding one of `roles` (in one organisation, or anywhere). */
export async function emailsWithRoles(
  manager: EntityManager,
  roles: Role[],
  organisationId?: string,
): Promise<string[]> {
  const rows: { email: string }[] = await manager.query(
    `SELECT DISTINCT u.email FROM membership m JOIN app_user u ON u.id = m.user_id
     WHERE m.roles && $1::text[] AND ($2::uuid IS NULL OR m.organisation_id = $2) ORDER BY u.email`,
    [roles, organisationId ?? null],
  );
  return rows.map((row) => row.email);
}

export const adminContactOf = async (
  manager: EntityManager,
  organisationId: string,
): Promise<string | null> => (await adminContactsOf(manager, [organisationId]))[0];
