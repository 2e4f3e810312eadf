import { Anchor, Badge, Text } from '@mantine/core';
import { Link } from 'react-router';
import { graphql } from '../../gql';
import type { CertificationRowFragment } from '../../gql/graphql';
import { format, t } from '../../i18n';
import type { Column } from '../../components/data-table';

/** What the DGE's certification lists show of each one (queue, expiring, suspended or revoked). */
const CertificationRowFields = graphql(`
  fragment CertificationRow on Certification {
    id
    status
    statusReason
    category
    standardCode
    laboratory
    reportNumber
    submittedAt
    validUntil
    product {
      id
      brand
      model
    }
  }
`);

export type CertificationRow = CertificationRowFragment;

// Small white text needs a dark background for AA contrast (Mantine's green and orange, even at
// shade 9, fall short): teal 9, and dark text on yellow for suspensions.
const STATUS_COLOURS: Record<string, { bg: string; text?: string }> = {
  SUBMITTED: { bg: 'blue.9' },
  VALIDATED: { bg: 'teal.9' },
  REJECTED: { bg: 'red.9' },
  SUSPENDED: { bg: 'yellow.4', text: 'dark.9' },
  REVOKED: { bg: 'red.9' },
  EXPIRED: { bg: 'gray.7' },
};

export function StatusBadge({ status }: { status: CertificationRow['status'] }) {
  return (
    <Badge color={STATUS_COLOURS[status].bg} c={STATUS_COLOURS[status].text} variant="filled">
      {t.dge.statuses[status]}
    </Badge>
  );
}

const productName = (c: CertificationRow) => (c.product ? `${c.product.brand} ${c.product.model}` : '–');

// Referenced by the lists' queries (...CertificationRow); the constant registers it with codegen.
void CertificationRowFields;

type ColumnKey =
  | 'report'
  | 'product'
  | 'category'
  | 'standard'
  | 'laboratory'
  | 'submittedAt'
  | 'status'
  | 'reason'
  | 'validUntil';

/** The columns of a certification list, in the order asked. */
export function certificationColumns(keys: ColumnKey[]): Column<CertificationRow>[] {
  const text = t.dge.queue;
  const all: Record<ColumnKey, Column<CertificationRow>> = {
    report: {
      key: 'report',
      header: text.report,
      render: (c) => (
        <Anchor component={Link} to={`/dge/certifications/${c.id}`} aria-label={text.open(c.reportNumber)}>
          {c.reportNumber}
        </Anchor>
      ),
      csv: (c) => c.reportNumber,
    },
    product: { key: 'product', header: text.product, render: productName, csv: productName },
    category: {
      key: 'category',
      header: text.category,
      render: (c) => t.common.categories[c.category],
      csv: (c) => t.common.categories[c.category],
    },
    standard: {
      key: 'standard',
      header: text.standard,
      render: (c) => c.standardCode,
      csv: (c) => c.standardCode,
    },
    laboratory: {
      key: 'laboratory',
      header: text.laboratory,
      render: (c) => c.laboratory,
      csv: (c) => c.laboratory,
    },
    submittedAt: {
      key: 'submittedAt',
      header: text.submittedAt,
      render: (c) => format.date(c.submittedAt),
      csv: (c) => c.submittedAt.slice(0, 10),
    },
    status: {
      key: 'status',
      header: text.status,
      render: (c) => <StatusBadge status={c.status} />,
      csv: (c) => t.dge.statuses[c.status],
    },
    reason: {
      key: 'reason',
      header: t.dge.certification.statusReason,
      render: (c) => <Text size="sm">{c.statusReason ?? '–'}</Text>,
      csv: (c) => c.statusReason,
    },
    validUntil: {
      key: 'validUntil',
      header: t.dge.certification.validUntil,
      render: (c) => (c.validUntil ? format.date(c.validUntil) : '–'),
      csv: (c) => c.validUntil?.slice(0, 10),
    },
  };
  return keys.map((key) => all[key]);
}
