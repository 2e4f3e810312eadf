import { useState } from 'react';
import { Anchor, Badge, Group, Select, Stack, Text, Title } from '@mantine/core';
import { graphql } from '../../gql';
import type { CertifiedSuppliersQuery, CertifiedSuppliersSort, MaskCategory } from '../../gql/graphql';
import { t } from '../../i18n';
import { DataTable, type Column } from '../../components/data-table';
import { REGION_OPTIONS } from '../../components/geography';
import { usePagedQuery } from '../../components/paged-query';

const CertifiedSuppliersDocument = graphql(`
  query CertifiedSuppliers(
    $first: Int
    $after: String
    $category: MaskCategory
    $regionCode: String
    $sort: CertifiedSuppliersSort
  ) {
    certifiedSuppliers(
      first: $first
      after: $after
      category: $category
      regionCode: $regionCode
      sort: $sort
    ) {
      edges {
        node {
          id
          company
          categories
          salesContact
          productionSites {
            city
            country
            departmentName
            regionName
            categories
          }
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

type Supplier = CertifiedSuppliersQuery['certifiedSuppliers']['edges'][number]['node'];

const CATEGORY_OPTIONS = Object.entries(t.common.categories).map(([value, label]) => ({ value, label }));

const SORT_OPTIONS = Object.entries(t.public.certifiedSuppliers.sorts).map(([value, label]) => ({
  value,
  label,
}));

const sites = (supplier: Supplier) =>
  supplier.productionSites
    .map((site) => [site.city, site.departmentName ?? site.country].filter(Boolean).join(', '))
    .join(' ; ');

export default function CertifiedSuppliersPage() {
  const [category, setCategory] = useState<MaskCategory | null>(null);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [sort, setSort] = useState<CertifiedSuppliersSort>('COMPANY');
  const list = usePagedQuery(
    CertifiedSuppliersDocument,
    { first: 50, category, regionCode, sort },
    (data) => data.certifiedSuppliers,
  );
  const text = t.public.certifiedSuppliers;
  const columns: Column<Supplier>[] = [
    {
      key: 'company',
      header: text.company,
      render: (s) => <Text fw={500}>{s.company}</Text>,
      csv: (s) => s.company,
    },
    {
      key: 'categories',
      header: text.categories,
      render: (s) => (
        <Group gap={4}>
          {s.categories.map((c) => (
            <Badge key={c} variant="light">
              {t.common.categories[c]}
            </Badge>
          ))}
        </Group>
      ),
      csv: (s) => s.categories.map((c) => t.common.categories[c]).join(', '),
    },
    { key: 'sites', header: text.sites, render: sites, csv: sites },
    {
      key: 'contact',
      header: text.salesContact,
      render: (s) => s.salesContact ?? '–',
      csv: (s) => s.salesContact,
    },
  ];
  const csvQuery = new URLSearchParams({
    ...(category ? { category } : {}),
    ...(regionCode ? { region: regionCode } : {}),
    sort,
  });
  return (
    <Stack>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      <DataTable
        caption={text.caption}
        columns={columns}
        rows={list.rows}
        rowKey={(s) => s.id}
        fetching={list.fetching}
        error={list.error}
        hasNextPage={list.hasNextPage}
        onLoadMore={list.loadMore}
        exportName={text.exportFile}
        fetchAll={list.fetchAll}
        toolbar={
          <>
            <Select
              label={text.category}
              data={CATEGORY_OPTIONS}
              value={category}
              onChange={(v) => setCategory(v as MaskCategory | null)}
              clearable
              placeholder={t.common.table.all}
            />
            <Select
              label={text.region}
              data={REGION_OPTIONS}
              value={regionCode}
              onChange={setRegionCode}
              clearable
              searchable
              placeholder={t.common.table.all}
            />
            <Select
              label={text.sortBy}
              data={SORT_OPTIONS}
              value={sort}
              onChange={(v) => v && setSort(v as CertifiedSuppliersSort)}
              allowDeselect={false}
            />
            <Anchor href={`/public/certified-suppliers.csv?${csvQuery.toString()}`} download mt="lg">
              {text.downloadAll}
            </Anchor>
          </>
        }
      />
    </Stack>
  );
}
