import type { Role } from '../gql/graphql';

/** Keyed by Role, so the type checker fails here when the API gains a role. */
const EVERY_ROLE: Record<Role, true> = {
  BUYER: true,
  SUPPLIER_MANAGER: true,
  ORG_ADMIN: true,
  FILIERE_REFERENT: true,
  DGE_OFFICER: true,
  EQUIPMENT_MANAGER: true,
};

/** Every role: a page any signed-in person may open. */
export const ALL_ROLES = Object.keys(EVERY_ROLE) as Role[];
