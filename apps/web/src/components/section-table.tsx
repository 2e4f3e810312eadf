import type { ReactNode } from 'react';
import { Table, Text, Title } from '@mantine/core';

/**
 * A titled section of a record's page holding one small, fully loaded table (not server-paged: see
 * DataTable for lists), with its caption and column headers, or a sentence when it has no rows.
 */
export function SectionTable(props: {
  id: string;
  title: string;
  caption: string;
  headers: string[];
  /** Shown instead of the table when set. */
  empty?: string | false;
  minWidth?: number;
  foot?: ReactNode;
  before?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={props.id}>
      <Title order={2} id={props.id} mb="sm">
        {props.title}
      </Title>
      {props.before}
      {props.empty ? (
        <Text>{props.empty}</Text>
      ) : (
        <Table.ScrollContainer minWidth={props.minWidth ?? 600}>
          <Table striped>
            <Table.Caption>{props.caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {props.headers.map((header) => (
                  <Table.Th key={header} scope="col">
                    {header}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{props.children}</Table.Tbody>
            {props.foot && <Table.Tfoot>{props.foot}</Table.Tfoot>}
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
