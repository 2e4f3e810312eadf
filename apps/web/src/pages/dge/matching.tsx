import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { DgeLatestMatchingRunQuery } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { apiProblem } from '../../components/errors';

const LatestRunDocument = graphql(`
  query DgeLatestMatchingRun {
    latestMatchingRun {
      id
      ranAt
      needs
      offers
      requested
      allocated
      durationMs
      tiers
    }
  }
`);

const RequestRunDocument = graphql(`
  mutation DgeRequestMatchingRun {
    requestMatchingRun
  }
`);

type Run = NonNullable<DgeLatestMatchingRunQuery['latestMatchingRun']>;
/** As the engine records them (libs/matching/domain/allocation.ts, TierSummary). */
interface TierSummary {
  priorityTier: number;
  needs: number;
  requested: number;
  allocated: number;
  fillRatio: number;
  filled: number;
  unserved: number;
}

const text = t.dge.matching;
const POLL_MS = 1_000;
/** The run is a job: past this, the page stops asking and says it is still running. */
const POLL_LIMIT_MS = 120_000;

function RunReport({ run }: { run: Run }) {
  const figures: [string, string][] = [
    [text.ranAt, format.dateTime(run.ranAt)],
    [text.needs, format.number(run.needs)],
    [text.offers, format.number(run.offers)],
    [text.requested, format.number(run.requested)],
    [text.allocated, format.number(run.allocated)],
    [text.fillRate, run.requested ? text.percent(run.allocated / run.requested) : '–'],
    [text.duration, text.milliseconds(run.durationMs)],
  ];
  const tiers = (Array.isArray(run.tiers) ? run.tiers : []) as TierSummary[];
  return (
    <Stack>
      <SimpleGrid cols={{ base: 2, md: 4 }} component="dl">
        {figures.map(([label, value]) => (
          <Paper withBorder p="sm" key={label}>
            <Text component="dt" size="sm" fw={600}>
              {label}
            </Text>
            <Text component="dd" m={0} size="lg">
              {value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {tiers.length > 0 && (
        <Table>
          <Table.Caption>{text.tiersCaption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {[
                text.tier,
                text.needs,
                text.requested,
                text.allocated,
                text.fillRate,
                text.filled,
                text.unserved,
              ].map((header) => (
                <Table.Th scope="col" key={header}>
                  {header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tiers.map((tier) => (
              <Table.Tr key={tier.priorityTier}>
                <Table.Td>{text.tierName(tier.priorityTier)}</Table.Td>
                <Table.Td>{format.number(tier.needs)}</Table.Td>
                <Table.Td>{format.number(tier.requested)}</Table.Td>
                <Table.Td>{format.number(tier.allocated)}</Table.Td>
                <Table.Td>{text.percent(tier.fillRatio)}</Table.Td>
                <Table.Td>{format.number(tier.filled)}</Table.Td>
                <Table.Td>{format.number(tier.unserved)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** The latest batch matching run, and a new one on request, followed until it has run. */
export default function MatchingPage() {
  const [result, reexecute] = useQuery({ query: LatestRunDocument });
  const [requestState, requestRun] = useMutation(RequestRunDocument);
  /** The run shown when the request was made (null: none yet), and when it was made. */
  const [waiting, setWaiting] = useState<{ previousId: string | null; since: number } | null>(null);
  const [gaveUp, setGaveUp] = useState(false);
  const run = result.data?.latestMatchingRun ?? null;
  const finished = waiting !== null && run !== null && run.id !== waiting.previousId;

  useEffect(() => {
    if (!waiting || finished) return;
    const timer = setInterval(() => {
      if (Date.now() - waiting.since > POLL_LIMIT_MS) {
        setGaveUp(true);
        setWaiting(null);
        return;
      }
      reexecute({ requestPolicy: 'network-only' });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, finished, reexecute]);

  const problem = apiProblem(result.error ?? requestState.error);
  const running = waiting !== null && !finished;
  return (
    <Stack>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      <Group>
        <Button
          loading={requestState.fetching}
          disabled={running}
          onClick={() => {
            setGaveUp(false);
            void requestRun({}).then((answer) => {
              if (!answer.error) setWaiting({ previousId: run?.id ?? null, since: Date.now() });
            });
          }}
        >
          {text.request}
        </Button>
        <Text aria-live="polite">
          {running ? text.running : finished ? text.finished : gaveUp ? text.stillRunning : ''}
        </Text>
        {running && <Loader size="sm" aria-label={text.running} />}
      </Group>
      {problem && (
        <Alert color="red" role="alert">
          {problem.message}
        </Alert>
      )}
      <Title order={2}>{text.latest}</Title>
      {run ? <RunReport run={run} /> : !result.fetching && <Text>{text.none}</Text>}
    </Stack>
  );
}
