import { useMemo, useState } from 'react';
import { Alert, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { DgeCapacityQuery, MaskCategory } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { CategoryFilter, RegionFilter } from '../../components/filters';
import { pagedRows } from '../../components/paged-table';
import { DataTable, type Column } from '../../components/data-table';
import { usePagedQuery } from '../../components/paged-query';
import { BarChart } from './bar-chart';
import { certificationColumns } from './certification-columns';

const CapacityDocument = graphql(`
  query DgeCapacity($category: MaskCategory, $regionCode: String) {
    certificationCapacity(category: $category, regionCode: $regionCode) {
      category
      regionCode
      regionName
      stockAvailable
      dailyCapacity
      certifiedProducts
    }
  }
`);

const ExpiringDocument = graphql(`
  query DgeExpiringCertifications($withinDays: Int!, $first: Int, $after: String) {
    expiringCertifications(withinDays: $withinDays, first: $first, after: $after) {
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

const WithdrawnDocument = graphql(`
  query DgeWithdrawnCertifications($first: Int, $after: String) {
    certifications(statuses: [SUSPENDED, REVOKED], first: $first, after: $after) {
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

type Row = DgeCapacityQuery['certificationCapacity'][number];

const text = t.dge.monitoring;
const regionOf = (row: Row) => row.regionName ?? text.abroad;

const CAPACITY_COLUMNS: Column<Row>[] = [
  {
    key: 'category',
    header: text.category,
    render: (r) => t.common.categories[r.category],
    csv: (r) => t.common.categories[r.category],
  },
  { key: 'region', header: text.region, render: regionOf, csv: regionOf },
  {
    key: 'stock',
    header: text.stock,
    render: (r) => format.number(r.stockAvailable),
    csv: (r) => r.stockAvailable,
  },
  {
    key: 'production',
    header: text.production,
    render: (r) => format.number(r.dailyCapacity),
    csv: (r) => r.dailyCapacity,
  },
  {
    key: 'products',
    header: text.products,
    render: (r) => format.number(r.certifiedProducts),
    csv: (r) => r.certifiedProducts,
  },
];

/** Sums of stock and production by one dimension, in the order first met. */
function totalsBy(rows: Row[], label: (row: Row) => string) {
  const totals = new Map<string, { stock: number; production: number }>();
  for (const row of rows) {
    const total = totals.get(label(row)) ?? { stock: 0, production: 0 };
    total.stock += row.stockAvailable;
    total.production += row.dailyCapacity;
    totals.set(label(row), total);
  }
  const labels = [...totals.keys()];
  return {
    categories: labels,
    series: [
      { name: text.stock, values: labels.map((l) => totals.get(l)?.stock ?? 0) },
      { name: text.production, values: labels.map((l) => totals.get(l)?.production ?? 0) },
    ],
  };
}

const WITHIN_OPTIONS = [30, 60, 90, 180].map((days) => ({ value: String(days), label: text.days(days) }));
const EXPIRING_COLUMNS = certificationColumns(['report', 'product', 'category', 'standard', 'validUntil']);
const WITHDRAWN_COLUMNS = certificationColumns(['report', 'product', 'category', 'status', 'reason']);

/** What the DGE watches: capacity by category and region, certifications ending soon, and withdrawn ones. */
export default function MonitoringPage() {
  const [category, setCategory] = useState<MaskCategory | null>(null);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [withinDays, setWithinDays] = useState('60');
  const [capacity] = useQuery({ query: CapacityDocument, variables: { category, regionCode } });
  const rows = useMemo(() => capacity.data?.certificationCapacity ?? [], [capacity.data]);
  const byCategory = useMemo(() => totalsBy(rows, (row) => t.common.categories[row.category]), [rows]);
  const byRegion = useMemo(() => totalsBy(rows, regionOf), [rows]);
  const expiring = usePagedQuery(
    ExpiringDocument,
    { withinDays: Number(withinDays), first: 20 },
    (data) => data.expiringCertifications,
  );
  const withdrawn = usePagedQuery(WithdrawnDocument, { first: 20 }, (data) => data.certifications);
  return (
    <Stack>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      <Group>
        <CategoryFilter label={text.category} value={category} onChange={setCategory} />
        <RegionFilter label={text.region} value={regionCode} onChange={setRegionCode} />
      </Group>
      {rows.length > 0 && (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <BarChart title={text.byCategory} description={text.byCategoryDescription} {...byCategory} />
          <BarChart title={text.byRegion} description={text.byRegionDescription} {...byRegion} />
        </SimpleGrid>
      )}
      <DataTable
        caption={text.tableCaption}
        columns={CAPACITY_COLUMNS}
        rows={rows}
        rowKey={(r) => `${r.category}|${r.regionCode ?? ''}`}
        fetching={capacity.fetching}
        error={capacity.error}
        exportName={text.exportFile}
      />
      <Alert color="gray" variant="outline">
        {text.mapSkipped}
      </Alert>

      <Title order={2}>{text.expiring}</Title>
      <DataTable
        caption={text.expiringCaption(Number(withinDays))}
        columns={EXPIRING_COLUMNS}
        {...pagedRows(expiring)}
        rowKey={(c) => c.id}
        exportName={text.expiringFile}
        toolbar={
          <Select
            label={text.withinDays}
            data={WITHIN_OPTIONS}
            value={withinDays}
            onChange={(v) => setWithinDays(v ?? '60')}
            allowDeselect={false}
          />
        }
      />

      <Title order={2}>{text.withdrawn}</Title>
      <DataTable
        caption={text.withdrawnCaption}
        columns={WITHDRAWN_COLUMNS}
        {...pagedRows(withdrawn)}
        rowKey={(c) => c.id}
        exportName={text.withdrawnFile}
      />
    </Stack>
  );
}
