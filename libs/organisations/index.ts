export * from './organisations.module';
export * from './auth.service';
export * from './organisations.service';
export * from './organisation.entity';
export * from './filiere.entity';
export * from './user.entity';
export * from './domain/siret';
export * from './domain/finess';
export * from './domain/organisation.rules';
export * from './demo-data';
export * from './contacts';
export * from './health-establishments';
export * from './bank-details.entity';
export * from './bank-details.service';
export * from './domain/bank-details';
export * from './models/bank-account.model';
export * from './notification-recipients';
export * from './web-session.controller';

import { Organisation } from './organisation.entity';
import { Filiere, FiliereMembership, SubcontractingLink } from './filiere.entity';
import { ApiKey, Invitation, Membership, RefreshToken, User } from './user.entity';
import { SupplierBankDetails } from './bank-details.entity';

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
  SupplierBankDetails,
];
export * from './group-ties';
