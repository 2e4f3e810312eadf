import { useState } from 'react';
import {
  Alert,
  Button,
  Code,
  FileInput,
  Group,
  List,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useClient } from 'urql';
import { graphql } from '../../gql';
import type { OfferUpsertRow } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { download, toCsv } from '../../components/csv';
import { apiProblem, type ApiProblem } from '../../components/errors';
import { ERP_COLUMNS, parseErpFile, type ErpRowProblem } from './erp-rows';

const UpsertOffersDocument = graphql(`
  mutation UpsertOffers($input: OfferUpsertInput!) {
    upsertOffers(input: $input) {
      created
      updated
      unchanged
    }
  }
`);

/** The API takes 1 to 500 rows per call, all or none: a file is sent in batches of this size. */
const BATCH_ROWS = 500;

interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

/** A row the API refused: `index` within its batch. */
interface RefusedRow {
  index: number;
  externalRef: string;
  field: string;
  message: string;
}

type Outcome =
  | { kind: 'done'; tally: Tally }
  | {
      kind: 'failed';
      tally: Tally;
      batch: number;
      problem: ApiProblem;
      refused: { line: number; row: RefusedRow }[];
    };

/**
 * The ERP's offers and stock from a CSV export, for suppliers without an API integration: checked in the
 * browser first (every problem with its line), then sent in batches with the progress shown. The upsert
 * is idempotent by reference, so sending a corrected file again is always safe.
 */
export default function ErpImportPage() {
  const text = t.supplier.erpImport;
  const client = useClient();
  const [file, setFile] = useState<File | null>(null);
  const [rows, setRows] = useState<OfferUpsertRow[]>([]);
  const [problems, setProblems] = useState<ErpRowProblem[]>([]);
  const [sent, setSent] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setOutcome(null);
    const parsed = chosen ? parseErpFile(await chosen.text()) : { rows: [], problems: [] };
    setRows(parsed.rows);
    setProblems(parsed.problems);
  };

  const send = async () => {
    const tally: Tally = { created: 0, updated: 0, unchanged: 0 };
    setOutcome(null);
    for (let start = 0; start < rows.length; start += BATCH_ROWS) {
      setSent(start);
      const batch = rows.slice(start, start + BATCH_ROWS);
      const result = await client.mutation(UpsertOffersDocument, { input: { rows: batch } }).toPromise();
      const answer = result.data?.upsertOffers;
      if (!answer) {
        const refused = (result.error?.graphQLErrors[0]?.extensions?.rows ?? []) as RefusedRow[];
        setOutcome({
          kind: 'failed',
          tally,
          batch: start / BATCH_ROWS + 1,
          problem: apiProblem(result.error) ?? { code: 'INTERNAL_SERVER_ERROR', message: '', fields: {} },
          refused: refused.map((row) => ({ line: start + row.index + 2, row })),
        });
        setSent(null);
        return;
      }
      tally.created += answer.created;
      tally.updated += answer.updated;
      tally.unchanged += answer.unchanged;
    }
    setSent(null);
    setOutcome({ kind: 'done', tally });
  };

  const batches = Math.ceil(rows.length / BATCH_ROWS);
  return (
    <Stack maw={960}>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      <Text size="sm">
        {text.columnsIntro} <Code>{ERP_COLUMNS.join(';')}</Code>
      </Text>
      <List size="sm">
        {text.columnNotes.map((note) => (
          <List.Item key={note}>{note}</List.Item>
        ))}
      </List>
      <Group>
        <Button
          variant="default"
          onClick={() => download(text.templateFile, toCsv([...ERP_COLUMNS], [text.templateRow]))}
        >
          {text.template}
        </Button>
      </Group>
      <FileInput
        label={text.file}
        accept=".csv,text/csv"
        value={file}
        onChange={(chosen) => void choose(chosen)}
        clearable
        clearButtonProps={{ 'aria-label': text.clearFile }}
      />
      {file && !problems.length && rows.length > 0 && <Text>{text.ready(rows.length, batches)}</Text>}
      {problems.length > 0 && (
        <Alert color="red" role="alert" title={text.problemsTitle(problems.length)}>
          <Table>
            <Table.Caption>{text.problemsCaption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{text.line}</Table.Th>
                <Table.Th scope="col">{text.column}</Table.Th>
                <Table.Th scope="col">{text.problem}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {problems.slice(0, 100).map((problem) => (
                <Table.Tr key={`${problem.line}-${problem.column}`}>
                  <Table.Td>{problem.line}</Table.Td>
                  <Table.Td>{problem.column}</Table.Td>
                  <Table.Td>{text.problems[problem.problem]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Alert>
      )}
      <Group>
        <Button
          disabled={!rows.length || problems.length > 0}
          loading={sent !== null}
          onClick={() => void send()}
        >
          {text.send(rows.length)}
        </Button>
      </Group>
      {sent !== null && (
        <Stack gap={4}>
          <Progress value={(sent / rows.length) * 100} aria-label={text.progressLabel} animated />
          <Text size="sm" aria-live="polite">
            {text.progress(sent / BATCH_ROWS + 1, batches, sent)}
          </Text>
        </Stack>
      )}
      {outcome?.kind === 'done' && (
        <Alert color="green" role="status" title={text.doneTitle}>
          {text.tally(outcome.tally)}
        </Alert>
      )}
      {outcome?.kind === 'failed' && (
        <Alert color="red" role="alert" title={text.failedTitle(outcome.batch)}>
          <Stack gap="xs">
            <Text size="sm">{outcome.problem.message}</Text>
            {outcome.refused.map(({ line, row }) => (
              <Text size="sm" key={`${line}-${row.field}`}>
                {text.refusedRow(line, row.externalRef, row.field, row.message)}
              </Text>
            ))}
            <Text size="sm">{text.failedTally(outcome.tally)}</Text>
          </Stack>
        </Alert>
      )}
      <Text size="xs" c="dimmed">
        {text.apiNote} {format.number(BATCH_ROWS)}
      </Text>
    </Stack>
  );
}
