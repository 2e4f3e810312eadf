import { Role } from '@masks/core';

export enum OrganisationKind {
  BUYER = 'BUYER',
  LARGE_GROUP = 'LARGE_GROUP',
  MANUFACTURER = 'MANUFACTURER',
  IMPORTER = 'IMPORTER',
  DISTRIBUTOR = 'DISTRIBUTOR',
  RETAIL_PICKUP_NETWORK = 'RETAIL_PICKUP_NETWORK',
  AUTHORITY = 'AUTHORITY',
}

export enum SizeClass {
  TPE = 'TPE',
  PME = 'PME',
  ETI = 'ETI',
  GE = 'GE',
}

/** INSEE size classes by headcount: TPE < 10, PME < 250, ETI < 5,000, GE above. */
export function sizeClassOf(headcount: number): SizeClass {
  if (headcount < 10) return SizeClass.TPE;
  if (headcount < 250) return SizeClass.PME;
  if (headcount < 5000) return SizeClass.ETI;
  return SizeClass.GE;
}

export const SUPPLIER_KINDS = [
  OrganisationKind.MANUFACTURER,
  OrganisationKind.IMPORTER,
  OrganisationKind.DISTRIBUTOR,
];
export const BUYING_KINDS = [OrganisationKind.BUYER, OrganisationKind.LARGE_GROUP];

/**
 * Whom an operation of one side of the market is for, as the access guard checks it:
 * `@Allow(roles, scopes, FOR_SUPPLIERS)`. An ORG_ADMIN role or a catalog:write key alone could belong
 * to a buyer; these make the gate refuse it (FORBIDDEN) before any lookup. The DGE variants let the
 * authority through as well, for the operations it oversees.
 */
export const FOR_SUPPLIERS = { organisationKinds: SUPPLIER_KINDS };
export const FOR_SUPPLIERS_AND_DGE = {
  organisationKinds: [...SUPPLIER_KINDS, OrganisationKind.AUTHORITY],
};
export const FOR_BUYERS = { organisationKinds: BUYING_KINDS };
export const FOR_BUYERS_AND_DGE = { organisationKinds: [...BUYING_KINDS, OrganisationKind.AUTHORITY] };

/** The authority is created by operators, never by self sign-up. */
export const SELF_SERVICE_KINDS: OrganisationKind[] = Object.values(OrganisationKind).filter(
  (kind) => kind !== OrganisationKind.AUTHORITY,
);

/** Roles a member of an organisation of these kinds may be given (referent is appointed by the DGE). */
export function grantableRoles(kinds: OrganisationKind[]): Role[] {
  const roles = [Role.ORG_ADMIN];
  if (kinds.some((kind) => BUYING_KINDS.includes(kind))) roles.push(Role.BUYER);
  if (kinds.some((kind) => SUPPLIER_KINDS.includes(kind))) roles.push(Role.SUPPLIER_MANAGER);
  if (kinds.includes(OrganisationKind.AUTHORITY)) roles.push(Role.DGE_OFFICER);
  return roles;
}
