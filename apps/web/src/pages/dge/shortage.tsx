import { useState } from 'react';
import { Badge, Checkbox, Stack, Text, Title } from '@mantine/core';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { DgeShortageQuery, MaskCategory } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { CategoryFilter, DepartmentFilter, RegionFilter } from '../../components/filters';
import { DataTable, type Column } from '../../components/data-table';

const ShortageDocument = graphql(`
  query DgeShortage(
    $category: MaskCategory
    $regionCode: String
    $departmentCode: String
    $atRiskOnly: Boolean
  ) {
    shortage(
      category: $category
      regionCode: $regionCode
      departmentCode: $departmentCode
      atRiskOnly: $atRiskOnly
    ) {
      departmentCode
      departmentName
      category
      openNeeds
      shortfall
      stockAvailable
      dailyCapacity
      uncoveredByStock
      daysOfCover
      earliestNeededBy
      atRisk
    }
  }
`);

type Row = DgeShortageQuery['shortage'][number];

const text = t.dge.shortage;
const columnText = text.columns;
const department = (r: Row) => `${r.departmentCode} – ${r.departmentName}`;
const figure = (key: string, header: string, value: (r: Row) => number): Column<Row> => ({
  key,
  header,
  render: (r) => format.number(value(r)),
  csv: value,
});

const COLUMNS: Column<Row>[] = [
  { key: 'department', header: columnText.department, render: department, csv: department },
  {
    key: 'category',
    header: columnText.category,
    render: (r) => t.common.categories[r.category],
    csv: (r) => t.common.categories[r.category],
  },
  figure('openNeeds', columnText.openNeeds, (r) => r.openNeeds),
  figure('shortfall', columnText.shortfall, (r) => r.shortfall),
  figure('stock', columnText.stock, (r) => r.stockAvailable),
  figure('production', columnText.production, (r) => r.dailyCapacity),
  figure('uncovered', columnText.uncovered, (r) => r.uncoveredByStock),
  {
    key: 'daysOfCover',
    header: columnText.daysOfCover,
    render: (r) => (r.daysOfCover === null ? text.noProduction : format.number(r.daysOfCover)),
    csv: (r) => r.daysOfCover ?? text.noProduction,
  },
  {
    key: 'earliest',
    header: columnText.earliest,
    render: (r) => (r.earliestNeededBy ? format.date(r.earliestNeededBy) : '–'),
    csv: (r) => r.earliestNeededBy?.slice(0, 10),
  },
  {
    key: 'risk',
    header: columnText.risk,
    render: (r) => (
      <Badge color={r.atRisk ? 'red.9' : 'teal.9'} variant="filled">
        {r.atRisk ? text.atRisk : text.onTime}
      </Badge>
    ),
    csv: (r) => (r.atRisk ? text.atRisk : text.onTime),
  },
];

/** Where open needs outrun local supply: by delivery department and category, most pressing first. */
export default function ShortagePage() {
  const [category, setCategory] = useState<MaskCategory | null>(null);
  const [regionCode, setRegionCode] = useState<string | null>(null);
  const [departmentCode, setDepartmentCode] = useState<string | null>(null);
  const [atRiskOnly, setAtRiskOnly] = useState(false);
  const [result] = useQuery({
    query: ShortageDocument,
    variables: { category, regionCode, departmentCode, atRiskOnly },
  });
  return (
    <Stack>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      <DataTable
        caption={text.caption}
        columns={COLUMNS}
        rows={result.data?.shortage ?? []}
        rowKey={(r) => `${r.departmentCode}|${r.category}`}
        fetching={result.fetching}
        error={result.error}
        exportName={text.exportFile}
        toolbar={
          <>
            <CategoryFilter label={text.category} value={category} onChange={setCategory} />
            <RegionFilter label={text.region} value={regionCode} onChange={setRegionCode} />
            <DepartmentFilter label={text.department} value={departmentCode} onChange={setDepartmentCode} />
            <Checkbox
              label={text.atRiskOnly}
              checked={atRiskOnly}
              onChange={(event) => setAtRiskOnly(event.currentTarget.checked)}
              mt="lg"
            />
          </>
        }
      />
    </Stack>
  );
}
