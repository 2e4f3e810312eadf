/** Roles a membership grants. A filière referent's role is scoped to one filière (membership.filiereId). */
export enum Role {
  ORG_ADMIN = 'ORG_ADMIN',
  BUYER = 'BUYER',
  SUPPLIER_MANAGER = 'SUPPLIER_MANAGER',
  FILIERE_REFERENT = 'FILIERE_REFERENT',
  DGE_OFFICER = 'DGE_OFFICER',
  /**
   * Handles the equipment the State allocates: in a health establishment, acknowledges deliveries; in
   * a regional health agency, allocates and transfers within its region.
   */
  EQUIPMENT_MANAGER = 'EQUIPMENT_MANAGER',
}

export const ALL_ROLES = Object.values(Role);

/** Scopes an organisation can grant to a machine client (API key). */
export enum ApiScope {
  ORGANISATION_READ = 'organisation:read',
  CATALOG_WRITE = 'catalog:write',
  ORDERS_READ = 'orders:read',
  ORDERS_WRITE = 'orders:write',
}

export interface Principal {
  kind: 'user' | 'api-key';
  organisationId: string;
  roles: Role[];
  /** Set for users; API keys act for their organisation only. */
  userId?: string;
  membershipId?: string;
  /** The filière a referent speaks for. */
  filiereId?: string;
  apiKeyId?: string;
  scopes: ApiScope[];
}
