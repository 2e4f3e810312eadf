export * from './organisations.module';
export * from './auth.service';
export * from './organisations.service';
export * from './organisation.entity';
export * from './filiere.entity';
export * from './user.entity';
export * from './domain/siret';
export * from './domain/organisation.rules';
export * from './demo-data';
export * from './contacts';

import { Organisation } from './organisation.entity';
import { Filiere, FiliereMembership, SubcontractingLink } from './filiere.entity';
import { ApiKey, Invitation, Membership, RefreshToken, User } from './user.entity';

export const organisationEntities = [
  Organisation,
  Filiere,
  FiliereMembership,
  SubcontractingLink,
  User,
  Membership,
  Invitation,
  RefreshToken,
  ApiKey,
];
