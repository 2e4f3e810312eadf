import { useState } from 'react';
import { MultiSelect, Stack, Text, Title } from '@mantine/core';
import { graphql } from '../../gql';
import type { CertificationStatus, MaskCategory } from '../../gql/graphql';
import { t } from '../../i18n';
import { CategoryFilter } from '../../components/filters';
import { pagedRows } from '../../components/paged-table';
import { DataTable } from '../../components/data-table';
import { usePagedQuery } from '../../components/paged-query';
import { certificationColumns } from './certification-columns';
import { STATUS_OPTIONS } from './options';

const QueueDocument = graphql(`
  query DgeCertificationQueue(
    $first: Int
    $after: String
    $statuses: [CertificationStatus!]
    $category: MaskCategory
  ) {
    certifications(first: $first, after: $after, statuses: $statuses, category: $category) {
      edges {
        node {
          ...CertificationRow
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

const COLUMNS = certificationColumns([
  'report',
  'product',
  'category',
  'standard',
  'laboratory',
  'submittedAt',
  'status',
  'reason',
]);

/** The certifications to decide (pending by default), newest first, filtered on the server. */
export default function CertificationQueuePage() {
  const text = t.dge.queue;
  const [statuses, setStatuses] = useState<CertificationStatus[]>(['SUBMITTED']);
  const [category, setCategory] = useState<MaskCategory | null>(null);
  const list = usePagedQuery(
    QueueDocument,
    { first: 20, statuses: statuses.length ? statuses : null, category },
    (data) => data.certifications,
  );
  return (
    <Stack>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      <DataTable
        caption={text.caption}
        columns={COLUMNS}
        {...pagedRows(list)}
        rowKey={(c) => c.id}
        exportName={text.exportFile}
        toolbar={
          <>
            <MultiSelect
              label={text.statuses}
              data={STATUS_OPTIONS}
              value={statuses}
              onChange={(values) => setStatuses(values as CertificationStatus[])}
              placeholder={statuses.length ? undefined : t.common.table.all}
              clearable
              miw={260}
            />
            <CategoryFilter label={text.category} value={category} onChange={setCategory} />
          </>
        }
      />
    </Stack>
  );
}
