import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Loader, Table, Text } from '@mantine/core';
import type { CombinedError } from 'urql';
import { t } from '../i18n';
import { toCsv, download } from './csv';
import { apiProblem } from './errors';

export interface Column<Row> {
  key: string;
  header: string;
  render: (row: Row) => ReactNode;
  /** The cell's value in the CSV export; without it the column is not exported. */
  csv?: (row: Row) => string | number | null | undefined;
}

interface DataTableProps<Row> {
  /** Names the table for assistive technologies and the export's file. */
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  fetching?: boolean;
  error?: CombinedError;
  hasNextPage?: boolean;
  onLoadMore?: () => void;
  /** File name of the CSV export of the rows shown; no export button without it. */
  exportName?: string;
  /**
   * Every row the filters select (usePagedQuery's fetchAll): adds "export all", which reads the pages
   * one after the other and shows how many rows it has read.
   */
  fetchAll?: (onProgress: (read: number) => void) => Promise<Row[]>;
  toolbar?: ReactNode;
}

/** A server-paged list: the rows loaded so far, "show more" with the next cursor, CSV of what is shown. */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { caption, columns, rows, rowKey, fetching, error, hasNextPage, onLoadMore, exportName, toolbar } =
    props;
  const [exportedSoFar, setExportedSoFar] = useState<number | null>(null);
  const [exportError, setExportError] = useState<Error | null>(null);
  const problem = apiProblem(error) ?? apiProblem(exportError);
  const exported = columns.filter((column) => column.csv);
  const exportRows = (name: string, selected: Row[]) =>
    download(
      name,
      toCsv(
        exported.map((column) => column.header),
        selected.map((row) => exported.map((column) => column.csv?.(row))),
      ),
    );
  const exportAll = async (name: string, fetchAll: NonNullable<DataTableProps<Row>['fetchAll']>) => {
    setExportError(null);
    setExportedSoFar(0);
    try {
      exportRows(name, await fetchAll(setExportedSoFar));
    } catch (caught) {
      setExportError(caught as Error);
    } finally {
      setExportedSoFar(null);
    }
  };
  return (
    <div>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Group gap="sm">{toolbar}</Group>
        {exportName && (
          <Group gap="sm">
            {exportedSoFar !== null && (
              <Text size="sm" aria-live="polite">
                {t.common.table.exporting(exportedSoFar)}
              </Text>
            )}
            <Button variant="default" disabled={!rows.length} onClick={() => exportRows(exportName, rows)}>
              {t.common.table.exportCsv}
            </Button>
            {props.fetchAll && hasNextPage && (
              <Button
                variant="default"
                loading={exportedSoFar !== null}
                onClick={() => void exportAll(exportName, props.fetchAll!)}
              >
                {t.common.table.exportAll}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {problem && (
        <Alert color="red" mb="sm" role="alert">
          {problem.message}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table striped highlightOnHover captionSide="top">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.key} scope="col">
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={rowKey(row)}>
                {columns.map((column) => (
                  <Table.Td key={column.key}>{column.render(row)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between" mt="sm">
        <Text size="sm" c="dimmed" aria-live="polite">
          {fetching
            ? t.common.table.loading
            : rows.length
              ? t.common.table.shown(rows.length, !!hasNextPage)
              : t.common.table.empty}
        </Text>
        {fetching && <Loader size="sm" aria-label={t.common.table.loading} />}
        {hasNextPage && onLoadMore && (
          <Button variant="light" onClick={onLoadMore} loading={fetching}>
            {t.common.table.loadMore}
          </Button>
        )}
      </Group>
    </div>
  );
}
