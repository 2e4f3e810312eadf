import { Role } from '@masks/core';

export enum OrganisationKind {
  BUYER = 'BUYER',
  LARGE_GROUP = 'LARGE_GROUP',
  MANUFACTURER = 'MANUFACTURER',
  IMPORTER = 'IMPORTER',
  DISTRIBUTOR = 'DISTRIBUTOR',
  RETAIL_PICKUP_NETWORK = 'RETAIL_PICKUP_NETWORK',
  AUTHORITY = 'AUTHORITY',
  /** A hospital or clinic, identified by its FINESS number; receives the equipment the State allocates. */
  HEALTH_ESTABLISHMENT = 'HEALTH_ESTABLISHMENT',
  /** A regional health agency (ARS): acts for the establishments of its own region only. */
  REGIONAL_HEALTH_AGENCY = 'REGIONAL_HEALTH_AGENCY',
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

/** Kinds the State's equipment concerns: their members may hold the equipment manager role. */
export const EQUIPMENT_KINDS = [
  OrganisationKind.HEALTH_ESTABLISHMENT,
  OrganisationKind.REGIONAL_HEALTH_AGENCY,
];

/** The authority and the regional health agencies are created by operators, never by self sign-up. */
export const SELF_SERVICE_KINDS: OrganisationKind[] = Object.values(OrganisationKind).filter(
  (kind) => kind !== OrganisationKind.AUTHORITY && kind !== OrganisationKind.REGIONAL_HEALTH_AGENCY,
);

/** Roles a member of an organisation of these kinds may be given (referent is appointed by the DGE). */
export function grantableRoles(kinds: OrganisationKind[]): Role[] {
  const roles = [Role.ORG_ADMIN];
  if (kinds.some((kind) => BUYING_KINDS.includes(kind))) roles.push(Role.BUYER);
  if (kinds.some((kind) => SUPPLIER_KINDS.includes(kind))) roles.push(Role.SUPPLIER_MANAGER);
  if (kinds.includes(OrganisationKind.AUTHORITY)) roles.push(Role.DGE_OFFICER);
  if (kinds.some((kind) => EQUIPMENT_KINDS.includes(kind))) roles.push(Role.EQUIPMENT_MANAGER);
  return roles;
}

export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  EXPIRED = 'EXPIRED',
}

/** Accepted wins over expired: an invitation used in time stays accepted after its date. */
export function invitationStatus(
  invitation: { acceptedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus {
  if (invitation.acceptedAt) return InvitationStatus.ACCEPTED;
  return invitation.expiresAt.getTime() <= now.getTime()
    ? InvitationStatus.EXPIRED
    : InvitationStatus.PENDING;
}

export type RoleChange =
  | { ok: true; roles: Role[] }
  | { ok: false; problem: 'NOT_GRANTABLE'; refused: Role[] }
  | { ok: false; problem: 'LAST_ADMIN' };

/**
 * An admin sets a member's roles. The referent role is the DGE's to appoint: a member who holds it
 * keeps it whatever the admin sends, and nobody else can be given it here. Some member of the
 * organisation must stay ORG_ADMIN.
 */
export function changeRoles(
  kinds: OrganisationKind[],
  target: { id: string; roles: Role[] },
  requested: Role[],
  members: readonly { id: string; roles: Role[] }[],
): RoleChange {
  const holdsReferent = target.roles.includes(Role.FILIERE_REFERENT);
  const asked = requested.filter((role) => !(holdsReferent && role === Role.FILIERE_REFERENT));
  const allowed = grantableRoles(kinds);
  const refused = asked.filter((role) => !allowed.includes(role));
  if (refused.length) return { ok: false, problem: 'NOT_GRANTABLE', refused };
  const roles = holdsReferent ? [...asked, Role.FILIERE_REFERENT] : asked;
  const adminsLeft = members.filter((member) =>
    (member.id === target.id ? roles : member.roles).includes(Role.ORG_ADMIN),
  );
  if (adminsLeft.length === 0) return { ok: false, problem: 'LAST_ADMIN' };
  return { ok: true, roles };
}
