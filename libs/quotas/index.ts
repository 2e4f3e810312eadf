export * from './domain';
export * from './quota.entity';
export * from './quota-consumption';

import {
  QuotaAccount,
  QuotaLedgerEntry,
  QuotaOrganisationUsage,
  QuotaPersonUsage,
  QuotaScheme,
} from './quota.entity';

export const quotaEntities = [
  QuotaScheme,
  QuotaAccount,
  QuotaOrganisationUsage,
  QuotaPersonUsage,
  QuotaLedgerEntry,
];
