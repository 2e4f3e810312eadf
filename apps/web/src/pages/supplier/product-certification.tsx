import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileInput,
  Group,
  Progress,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type {
  CertificationDocumentKind,
  CertificationStatus,
  ProductCertificationQuery,
} from '../../gql/graphql';
import { format, t } from '../../i18n';
import { DataTable, type Column } from '../../components/data-table';
import { apiProblem } from '../../components/errors';
import { usePagedQuery } from '../../components/paged-query';
import { pagedRows } from './paged-rows';
import { downloadWithToken, RestError, uploadWithProgress } from '../../components/rest';
import { EvidenceForm } from './evidence-form';
import { productName } from './products';
import { STATUS_COLOR } from './status-colors';

const ProductCertificationDocument = graphql(`
  query ProductCertification($id: ID!) {
    product(id: $id) {
      id
      brand
      model
      category
      standardCode
      ceMarked
      certifiedUntil
    }
    certifications(productId: $id, first: 1) {
      edges {
        node {
          id
          status
          statusReason
          standardCode
          laboratory
          reportNumber
          testedOn
          submittedAt
          validUntil
          documents {
            id
            kind
            filename
            contentType
            sizeBytes
            uploadedAt
          }
        }
      }
    }
  }
`);

const CertificationDecisionsDocument = graphql(`
  query CertificationDecisions($certificationId: ID!, $first: Int, $after: String) {
    certificationDecisions(certificationId: $certificationId, first: $first, after: $after) {
      edges {
        node {
          id
          at
          decision
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

type CurrentCertification = ProductCertificationQuery['certifications']['edges'][number]['node'];
type Document = CurrentCertification['documents'][number];
type Decision = {
  id: string;
  at: string;
  decision: keyof typeof t.supplier.certification.decisions;
  toStatus: CertificationStatus;
  reason?: string | null;
  validUntil?: string | null;
};

const text = t.supplier.certification;
const MAX_BYTES = 10 * 1024 * 1024;
const STATUS_COLORS: Record<CertificationStatus, string> = {
  SUBMITTED: STATUS_COLOR.pending,
  VALIDATED: STATUS_COLOR.good,
  REJECTED: STATUS_COLOR.bad,
  SUSPENDED: STATUS_COLOR.warning,
  REVOKED: STATUS_COLOR.bad,
  EXPIRED: STATUS_COLOR.neutral,
};
const KIND_OPTIONS = Object.entries(text.documentKinds).map(([value, label]) => ({ value, label }));

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${format.number(Math.round((bytes / 1024 / 1024) * 10) / 10)} Mo`
    : `${format.number(Math.ceil(bytes / 1024))} ko`;

function Documents({
  certification,
  onUploaded,
}: {
  certification: CurrentCertification;
  onUploaded: () => void;
}) {
  const [kind, setKind] = useState<CertificationDocumentKind>('TEST_REPORT');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const tooLarge = !!file && file.size > MAX_BYTES;

  const upload = async () => {
    if (!file || tooLarge) return;
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    setError(null);
    setProgress(0);
    try {
      const document = await uploadWithProgress<{ filename: string }>(
        `/certifications/${certification.id}/documents`,
        form,
        setProgress,
      );
      notifications.show({ color: 'green', message: text.uploaded(document.filename) });
      setFile(null);
      onUploaded();
    } catch (failure) {
      setError(failure instanceof RestError ? failure.message : t.common.errors.NETWORK);
    } finally {
      setProgress(null);
    }
  };
  const save = (document: Document) =>
    downloadWithToken(`/documents/${document.id}`, document.filename).catch((failure: Error) =>
      setError(failure.message),
    );
  const columns: Column<Document>[] = [
    { key: 'filename', header: text.documentColumns.filename, render: (d) => d.filename },
    { key: 'kind', header: text.documentColumns.kind, render: (d) => text.documentKinds[d.kind] },
    { key: 'size', header: text.documentColumns.size, render: (d) => size(d.sizeBytes) },
    {
      key: 'uploadedAt',
      header: text.documentColumns.uploadedAt,
      render: (d) => format.dateTime(d.uploadedAt),
    },
    {
      key: 'actions',
      header: text.documentColumns.actions,
      render: (d) => (
        <Button
          size="xs"
          variant="default"
          onClick={() => void save(d)}
          aria-label={text.downloadDocument(d.filename)}
        >
          {t.common.actions.download}
        </Button>
      ),
    },
  ];
  return (
    <Stack>
      <Title order={2}>{text.documentsTitle}</Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <DataTable
        caption={text.documentsCaption}
        columns={columns}
        rows={certification.documents}
        rowKey={(d) => d.id}
      />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void upload();
        }}
      >
        <Stack gap="sm">
          <Title order={3}>{text.uploadTitle}</Title>
          <Group align="flex-start" grow>
            <Select
              label={text.uploadKind}
              data={KIND_OPTIONS}
              value={kind}
              allowDeselect={false}
              onChange={(value) => value && setKind(value as CertificationDocumentKind)}
            />
            <FileInput
              label={text.uploadFile}
              accept="application/pdf,image/png,image/jpeg"
              value={file}
              onChange={setFile}
              clearable
              error={tooLarge ? text.tooLarge : undefined}
            />
          </Group>
          {progress !== null && (
            <Stack gap={4}>
              <Progress value={progress} aria-label={text.uploading(progress)} />
              <Text size="sm" aria-live="polite">
                {text.uploading(progress)}
              </Text>
            </Stack>
          )}
          <Group justify="flex-end">
            <Button type="submit" disabled={!file || tooLarge} loading={progress !== null}>
              {text.upload}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function Decisions({ certificationId }: { certificationId: string }) {
  const list = usePagedQuery(
    CertificationDecisionsDocument,
    { certificationId, first: 20 },
    (data) => data.certificationDecisions,
  );
  const columns: Column<Decision>[] = [
    { key: 'at', header: text.decisionColumns.at, render: (d) => format.dateTime(d.at) },
    { key: 'decision', header: text.decisionColumns.decision, render: (d) => text.decisions[d.decision] },
    { key: 'status', header: text.decisionColumns.status, render: (d) => text.status[d.toStatus] },
    { key: 'reason', header: text.decisionColumns.reason, render: (d) => d.reason ?? '–' },
    {
      key: 'validUntil',
      header: text.decisionColumns.validUntil,
      render: (d) => (d.validUntil ? format.date(d.validUntil) : '–'),
    },
  ];
  return (
    <Stack>
      <Title order={2}>{text.decisionsTitle}</Title>
      <DataTable
        caption={text.decisionsCaption}
        columns={columns}
        {...pagedRows(list)}
        rowKey={(d) => d.id}
      />
    </Stack>
  );
}

/** One product's certification: where it stands and why, its documents, the DGE's decisions, new evidence. */
export default function ProductCertificationPage() {
  const { id = '' } = useParams();
  const [result, refetch] = useQuery({ query: ProductCertificationDocument, variables: { id } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const problem = apiProblem(result.error);
  const product = result.data?.product;
  const current = result.data?.certifications.edges[0]?.node;
  return (
    <Stack>
      <Anchor component={Link} to="/ventes/produits" w="fit-content">
        {text.back}
      </Anchor>
      <Title order={1}>{text.title(product ? productName(product) : '…')}</Title>
      {problem && (
        <Alert color="red" role="alert">
          {problem.message}
        </Alert>
      )}
      {product && (
        <>
          <Text>{text.productSummary(t.common.categories[product.category], product.standardCode)}</Text>
          {current ? (
            <Card withBorder>
              <Stack gap="xs">
                <Group>
                  <Title order={2} size="h4">
                    {text.current}
                  </Title>
                  <Badge color={STATUS_COLORS[current.status]} variant="filled">
                    {text.status[current.status]}
                  </Badge>
                </Group>
                {current.statusReason && <Text fw={500}>{text.reason(current.statusReason)}</Text>}
                {current.validUntil && <Text>{text.validUntil(format.date(current.validUntil))}</Text>}
                <Text size="sm">
                  {text.report(current.reportNumber, current.laboratory, format.date(current.testedOn))}
                </Text>
                <Text size="sm" c="dimmed">
                  {text.submittedAt(format.dateTime(current.submittedAt))}
                </Text>
              </Stack>
            </Card>
          ) : (
            <Alert color="yellow">{text.none}</Alert>
          )}
          {current && <Documents certification={current} onUploaded={reload} />}
          {current && <Decisions certificationId={current.id} />}
          <EvidenceForm
            key={current?.id ?? 'none'}
            product={product}
            resubmission={!!current}
            onSubmitted={() => {
              notifications.show({ color: 'green', message: text.submitted });
              reload();
            }}
          />
        </>
      )}
    </Stack>
  );
}
