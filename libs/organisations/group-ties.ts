import type { EntityManager } from 'typeorm';
import { Organisation } from './organisation.entity';
import { OrganisationKind } from './domain/organisation.rules';
import { SubcontractingStatus } from './filiere.entity';

/**
 * What ties a company to the large groups on the platform, for the schemes reserved to companies not
 * backed by one (click & collect): the groups that declared it as a confirmed subcontractor, and
 * whether it shares its SIREN with a large group (one of the group's establishments).
 */
export interface GroupTies {
  organisation: Organisation;
  largeGroupsSubcontractedFor: string[];
  establishmentOfLargeGroup: boolean;
}

export async function groupTiesOf(manager: EntityManager, organisationId: string): Promise<GroupTies | null> {
  const organisation = await manager.findOneBy(Organisation, { id: organisationId });
  if (!organisation) return null;
  const groups: { name: string }[] = await manager.query(
    `SELECT g.name FROM subcontracting_link l JOIN organisation g ON g.id = l.group_id
     WHERE l.subcontractor_id = $1 AND l.status = $2 AND $3 = ANY(g.kinds) ORDER BY g.name`,
    [organisationId, SubcontractingStatus.ACTIVE, OrganisationKind.LARGE_GROUP],
  );
  const [sibling]: unknown[] = await manager.query(
    `SELECT 1 FROM organisation WHERE siren = $1 AND id <> $2 AND $3 = ANY(kinds) LIMIT 1`,
    [organisation.siren, organisationId, OrganisationKind.LARGE_GROUP],
  );
  return {
    organisation,
    largeGroupsSubcontractedFor: groups.map((group) => group.name),
    establishmentOfLargeGroup: sibling !== undefined,
  };
}

/** An organisation of one kind, or null (so a caller can say NOT_FOUND without revealing more). */
export async function organisationOfKind(
  manager: EntityManager,
  organisationId: string,
  kind: OrganisationKind,
): Promise<Organisation | null> {
  const organisation = await manager.findOneBy(Organisation, { id: organisationId });
  return organisation?.kinds.includes(kind) ? organisation : null;
}
