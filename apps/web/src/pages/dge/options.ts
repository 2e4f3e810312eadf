import { t } from '../../i18n';
import type { CertificationStatus } from '../../gql/graphql';

export const CATEGORY_OPTIONS = Object.entries(t.common.categories).map(([value, label]) => ({
  value,
  label,
}));

export const STATUS_OPTIONS = (Object.keys(t.dge.statuses) as CertificationStatus[]).map((value) => ({
  value,
  label: t.dge.statuses[value],
}));
