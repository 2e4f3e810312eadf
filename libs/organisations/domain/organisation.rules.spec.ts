import { Role } from '@masks/core';
import { grantableRoles, OrganisationKind, sizeClassOf, SizeClass } from './organisation.rules';

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
});
