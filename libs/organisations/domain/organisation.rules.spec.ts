import { Role } from '@masks/core';
import {
  changeRoles,
  grantableRoles,
  SELF_SERVICE_KINDS,
  InvitationStatus,
  invitationStatus,
  OrganisationKind,
  sizeClassOf,
  SizeClass,
} from './organisation.rules';

describe('organisation rules', () => {
  it('classes by headcount at the INSEE boundaries', () => {
    expect([0, 9, 10, 249, 250, 4999, 5000].map(sizeClassOf)).toEqual([
      SizeClass.TPE,
      SizeClass.TPE,
      SizeClass.PME,
      SizeClass.PME,
      SizeClass.ETI,
      SizeClass.ETI,
      SizeClass.GE,
    ]);
  });

  it('grants supplier roles only to suppliers and DGE only to the authority', () => {
    expect(grantableRoles([OrganisationKind.BUYER])).toEqual([Role.ORG_ADMIN, Role.BUYER]);
    expect(grantableRoles([OrganisationKind.IMPORTER])).toEqual([Role.ORG_ADMIN, Role.SUPPLIER_MANAGER]);
    expect(grantableRoles([OrganisationKind.AUTHORITY])).toContain(Role.DGE_OFFICER);
    expect(grantableRoles([OrganisationKind.LARGE_GROUP])).not.toContain(Role.DGE_OFFICER);
  });

  it('grants the equipment manager role to health establishments and regional health agencies only', () => {
    expect(grantableRoles([OrganisationKind.HEALTH_ESTABLISHMENT])).toEqual([
      Role.ORG_ADMIN,
      Role.EQUIPMENT_MANAGER,
    ]);
    expect(grantableRoles([OrganisationKind.REGIONAL_HEALTH_AGENCY])).toEqual([
      Role.ORG_ADMIN,
      Role.EQUIPMENT_MANAGER,
    ]);
    expect(grantableRoles([OrganisationKind.BUYER])).not.toContain(Role.EQUIPMENT_MANAGER);
    expect(grantableRoles([OrganisationKind.AUTHORITY])).not.toContain(Role.EQUIPMENT_MANAGER);
  });

  it('lets health establishments sign up, not regional health agencies (created by operators)', () => {
    expect(SELF_SERVICE_KINDS).toContain(OrganisationKind.HEALTH_ESTABLISHMENT);
    expect(SELF_SERVICE_KINDS).not.toContain(OrganisationKind.REGIONAL_HEALTH_AGENCY);
    expect(SELF_SERVICE_KINDS).not.toContain(OrganisationKind.AUTHORITY);
  });
});

describe('changeRoles', () => {
  const admin = { id: 'a', roles: [Role.ORG_ADMIN] };
  const referent = { id: 'r', roles: [Role.BUYER, Role.FILIERE_REFERENT] };
  const members = [admin, referent];

  it('sets grantable roles, keeps the DGE-appointed referent role, refuses the others', () => {
    expect(changeRoles([OrganisationKind.BUYER], referent, [Role.ORG_ADMIN], members)).toEqual({
      ok: true,
      roles: [Role.ORG_ADMIN, Role.FILIERE_REFERENT],
    });
    expect(
      changeRoles([OrganisationKind.BUYER], admin, [Role.ORG_ADMIN, Role.FILIERE_REFERENT], members),
    ).toEqual({ ok: false, problem: 'NOT_GRANTABLE', refused: [Role.FILIERE_REFERENT] });
    expect(changeRoles([OrganisationKind.BUYER], referent, [Role.SUPPLIER_MANAGER], members)).toMatchObject({
      problem: 'NOT_GRANTABLE',
    });
  });

  it('keeps at least one ORG_ADMIN', () => {
    expect(changeRoles([OrganisationKind.BUYER], admin, [Role.BUYER], members)).toEqual({
      ok: false,
      problem: 'LAST_ADMIN',
    });
    const promoted = { ...referent, roles: [Role.ORG_ADMIN, ...referent.roles] };
    expect(changeRoles([OrganisationKind.BUYER], admin, [Role.BUYER], [admin, promoted]).ok).toBe(true);
  });
});

describe('invitationStatus', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  it('is accepted once used, even past its date; otherwise pending until it expires', () => {
    const past = new Date('2026-11-30T12:00:00Z');
    const future = new Date('2026-12-02T12:00:00Z');
    expect(invitationStatus({ acceptedAt: past, expiresAt: past }, now)).toBe(InvitationStatus.ACCEPTED);
    expect(invitationStatus({ acceptedAt: null, expiresAt: past }, now)).toBe(InvitationStatus.EXPIRED);
    expect(invitationStatus({ acceptedAt: null, expiresAt: future }, now)).toBe(InvitationStatus.PENDING);
  });
});
