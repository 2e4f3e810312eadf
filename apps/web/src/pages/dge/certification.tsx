import { useState } from 'react';
import { Alert, Anchor, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { DgeCertificationHistoryQuery, DgeCertificationQuery } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { LoadState } from '../../components/load-state';
import { pagedRows } from '../../components/paged-table';
import { DataTable, type Column } from '../../components/data-table';
import { usePagedQuery } from '../../components/paged-query';
import { downloadWithToken } from '../../components/rest';
import { StatusBadge } from './certification-columns';
import { DecisionPanel } from './decision-panel';

const CertificationDocument = graphql(`
  query DgeCertification($id: ID!) {
    certification(id: $id) {
      id
      status
      statusReason
      category
      standardCode
      laboratory
      reportNumber
      testedOn
      ceCertificateNumber
      notifiedBody
      measurements
      submittedAt
      validFrom
      validUntil
      product {
        id
        brand
        model
        countryOfProduction
        productionCity
      }
      documents {
        id
        kind
        filename
        sizeBytes
      }
    }
  }
`);

const HistoryDocument = graphql(`
  query DgeCertificationHistory($certificationId: ID, $first: Int, $after: String) {
    certificationDecisions(certificationId: $certificationId, first: $first, after: $after) {
      edges {
        node {
          id
          at
          decision
          fromStatus
          toStatus
          reason
          validUntil
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

type Certification = DgeCertificationQuery['certification'];
type Decision = DgeCertificationHistoryQuery['certificationDecisions']['edges'][number]['node'];

function useHistory(certificationId: string) {
  return usePagedQuery(
    HistoryDocument,
    { certificationId, first: 50 },
    (data) => data.certificationDecisions,
  );
}

const text = t.dge.certification;

const HISTORY_COLUMNS: Column<Decision>[] = [
  { key: 'at', header: text.at, render: (d) => format.dateTime(d.at), csv: (d) => d.at },
  {
    key: 'decision',
    header: text.decision,
    render: (d) => t.dge.decisionKinds[d.decision],
    csv: (d) => t.dge.decisionKinds[d.decision],
  },
  {
    key: 'transition',
    header: text.transition,
    render: (d) => `${t.dge.statuses[d.fromStatus]} → ${t.dge.statuses[d.toStatus]}`,
  },
  { key: 'reason', header: text.reason, render: (d) => d.reason ?? text.none, csv: (d) => d.reason },
  {
    key: 'validUntil',
    header: text.validUntil,
    render: (d) => (d.validUntil ? format.date(d.validUntil) : text.none),
    csv: (d) => d.validUntil,
  },
];

function Facts({ certification }: { certification: Certification }) {
  const c = certification;
  const facts: [string, string][] = [
    [text.product, c.product ? `${c.product.brand} ${c.product.model}` : text.none],
    [text.category, t.common.categories[c.category]],
    [text.standard, c.standardCode],
    [text.laboratory, c.laboratory],
    [text.report, c.reportNumber],
    [text.testedOn, format.date(c.testedOn)],
    [text.ceCertificate, c.ceCertificateNumber ?? text.none],
    [text.notifiedBody, c.notifiedBody ?? text.none],
    [text.submittedAt, format.dateTime(c.submittedAt)],
    [
      text.validity,
      c.validFrom && c.validUntil
        ? text.validityRange(format.date(c.validFrom), format.date(c.validUntil))
        : text.none,
    ],
  ];
  if (c.statusReason) facts.push([text.statusReason, c.statusReason]);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl">
      {facts.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm" fw={600}>
            {label}
          </Text>
          <Text component="dd" m={0}>
            {value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function Documents({ certification }: { certification: Certification }) {
  const [problem, setProblem] = useState<string | null>(null);
  if (!certification.documents.length) return <Text>{text.noDocuments}</Text>;
  return (
    <Stack gap="xs">
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
      <Table>
        <Table.Caption>{text.documentsCaption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{text.documentKind}</Table.Th>
            <Table.Th scope="col">{text.filename}</Table.Th>
            <Table.Th scope="col">{text.size}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {certification.documents.map((document) => (
            <Table.Tr key={document.id}>
              <Table.Td>{t.dge.documentKinds[document.kind]}</Table.Td>
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  aria-label={text.download(document.filename)}
                  onClick={() => {
                    setProblem(null);
                    downloadWithToken(`/documents/${document.id}`, document.filename).catch((error: Error) =>
                      setProblem(error.message),
                    );
                  }}
                >
                  {document.filename}
                </Anchor>
              </Table.Td>
              <Table.Td>{text.kilobytes(Math.ceil(document.sizeBytes / 1024))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Measurements({ values }: { values: unknown }) {
  const entries = Object.entries((values ?? {}) as Record<string, number>);
  if (!entries.length) return null;
  return (
    <Table>
      <Table.Caption>{text.measurementsCaption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{text.measurement}</Table.Th>
          <Table.Th scope="col">{text.value}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {entries.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Td>{name}</Table.Td>
            <Table.Td>{format.number(value)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One certification: its evidence and documents, the decisions taken, and the decisions open now. */
export default function CertificationPage() {
  const { id = '' } = useParams();
  const [result, reexecute] = useQuery({ query: CertificationDocument, variables: { id } });
  const history = useHistory(id);
  const certification = result.data?.certification;
  if (!certification) return <LoadState error={result.error} />;
  return (
    <Stack>
      <Anchor component={Link} to="/dge/certifications" size="sm">
        {text.back}
      </Anchor>
      <Group>
        <Title order={1}>{text.title(certification.reportNumber)}</Title>
        <StatusBadge status={certification.status} />
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md">
            <Title order={2} size="h3" mb="sm">
              {text.evidence}
            </Title>
            <Stack>
              <Facts certification={certification} />
              <Measurements values={certification.measurements} />
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <DecisionPanel
              id={certification.id}
              status={certification.status}
              onDecided={() => {
                reexecute({ requestPolicy: 'network-only' });
                history.refresh();
              }}
            />
            <Paper withBorder p="md">
              <Title order={2} size="h3" mb="sm">
                {text.documents}
              </Title>
              <Documents certification={certification} />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      <Title order={2} size="h3">
        {text.history}
      </Title>
      <DataTable
        caption={text.historyCaption}
        columns={HISTORY_COLUMNS}
        {...pagedRows(history)}
        rowKey={(d) => d.id}
      />
    </Stack>
  );
}
