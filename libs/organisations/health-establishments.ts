import type { EntityManager } from 'typeorm';
import { Role } from '@masks/core';
import { OrganisationKind } from './domain/organisation.rules';

/** What the equipment lib needs to know of an organisation: where it is and what it is. */
export interface PlacedOrganisation {
  id: string;
  name: string;
  kinds: OrganisationKind[];
  finess: string | null;
  departmentCode: string;
  regionCode: string;
}

const PLACED_COLUMNS = `id, name, kinds, finess, department_code AS "departmentCode", region_code AS "regionCode"`;

/** An organisation by id, with its kinds and place (null when there is none). */
export async function placedOrganisation(
  manager: EntityManager,
  organisationId: string,
): Promise<PlacedOrganisation | null> {
  const [row]: PlacedOrganisation[] = await manager.query(
    `SELECT ${PLACED_COLUMNS} FROM organisation WHERE id = $1`,
    [organisationId],
  );
  return row ?? null;
}

/** The health establishment a (checked, compact) FINESS number identifies, or null. */
export async function establishmentByFiness(
  manager: EntityManager,
  finess: string,
): Promise<PlacedOrganisation | null> {
  const [row]: PlacedOrganisation[] = await manager.query(
    `SELECT ${PLACED_COLUMNS} FROM organisation WHERE finess = $1 AND $2 = ANY(kinds)`,
    [finess, OrganisationKind.HEALTH_ESTABLISHMENT],
  );
  return row ?? null;
}

/** Several organisations by id, in one query (for names and places in lists). */
export function placedOrganisations(
  manager: EntityManager,
  ids: readonly string[],
): Promise<PlacedOrganisation[]> {
  return manager.query(`SELECT ${PLACED_COLUMNS} FROM organisation WHERE id = ANY($1::uuid[])`, [ids]);
}

/**
 * Who follows the State's equipment in a region: the equipment managers of the region's health
 * agencies, and the authority's officers (the ministry). E-mail addresses, each once.
 */
export async function equipmentFollowersOf(manager: EntityManager, regionCode: string): Promise<string[]> {
  const rows: { email: string }[] = await manager.query(
    `SELECT DISTINCT u.email FROM membership m
       JOIN app_user u ON u.id = m.user_id
       JOIN organisation o ON o.id = m.organisation_id
     WHERE ($1 = ANY(o.kinds) AND o.region_code = $2 AND $3 = ANY(m.roles))
        OR ($4 = ANY(o.kinds) AND $5 = ANY(m.roles))
     ORDER BY u.email`,
    [
      OrganisationKind.REGIONAL_HEALTH_AGENCY,
      regionCode,
      Role.EQUIPMENT_MANAGER,
      OrganisationKind.AUTHORITY,
      Role.DGE_OFFICER,
    ],
  );
  return rows.map((row) => row.email);
}
