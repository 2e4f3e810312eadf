import { useState } from 'react';
import { Alert, Autocomplete, Button, Code, Paper, Stack, Text, Title } from '@mantine/core';
import { graphql } from '../../gql';
import type { DgeAuditLogQuery } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { pagedRows } from '../../components/paged-table';
import { DataTable, type Column } from '../../components/data-table';
import { usePagedQuery } from '../../components/paged-query';
import { OrganisationPicker } from '../../components/organisation-picker';
import { tokens } from '../../session/token-store';

const AuditLogDocument = graphql(`
  query DgeAuditLog(
    $first: Int
    $after: String
    $action: String
    $entityType: String
    $organisationId: String
  ) {
    auditLog(
      first: $first
      after: $after
      action: $action
      entityType: $entityType
      organisationId: $organisationId
    ) {
      edges {
        node {
          id
          at
          action
          entityType
          entityId
          organisationId
          actorUserId
          actorApiKeyId
          actorName
          organisationName
          after
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

type Entry = DgeAuditLogQuery['auditLog']['edges'][number]['node'];

const text = t.dge.audit;

/** What the platform records (the filters take any value: these are suggestions). */
const ACTIONS = [
  'certification.submitted',
  'certification.validate',
  'certification.reject',
  'certification.suspend',
  'certification.reinstate',
  'certification.revoke',
  'standard.window-moved',
  'member.invited',
  'member.joined',
  'need.posted',
  'need.cancelled',
  'offer.created',
  'offer.updated',
  'order.placed',
  'organisation.registered',
  'organisation.updated',
  'product.created',
  'product.updated',
  'proposal.accepted',
  'session.opened',
  'stock.moved',
];
const ENTITY_TYPES = [
  'api_key',
  'certification',
  'invitation',
  'mask_standard',
  'membership',
  'need',
  'offer',
  'order',
  'organisation',
  'product',
  'proposal',
  'subcontracting_link',
  'user',
];

const actor = (entry: Entry) =>
  entry.actorApiKeyId
    ? text.apiKey(entry.actorName ?? entry.actorApiKeyId)
    : entry.actorUserId
      ? (entry.actorName ?? entry.actorUserId)
      : text.system;
const organisationOf = (e: Entry) => e.organisationName ?? e.organisationId ?? '–';
const changes = (entry: Entry) =>
  entry.after === null || entry.after === undefined ? '' : JSON.stringify(entry.after);

/** Opens bull-board in a new tab with this session: the Bearer token buys a short dashboard cookie. */
function QueueDashboardLink() {
  const [state, setState] = useState<'idle' | 'opening' | 'error'>('idle');
  const [message, setMessage] = useState('');
  const open = async () => {
    // Opened now, within the click, or the browser blocks it; pointed at the dashboard once the cookie is set.
    const tab = window.open('', '_blank');
    setState('opening');
    const token = tokens.stale ? await tokens.refresh() : tokens.current;
    const response = await fetch('/admin/queues/session', {
      method: 'POST',
      headers: { authorization: `Bearer ${token ?? ''}` },
      credentials: 'same-origin',
    }).catch(() => null);
    if (!response?.ok) {
      tab?.close();
      setState('error');
      setMessage(response?.status === 403 ? t.common.errors.FORBIDDEN : t.common.errors.UNAUTHENTICATED);
      return;
    }
    if (!tab) {
      setState('error');
      setMessage(text.queuesBlocked);
      return;
    }
    tab.opener = null;
    tab.location.href = '/admin/queues';
    setState('idle');
  };
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="xs">
        {text.queues}
      </Title>
      <Text mb="sm">{text.queuesIntro}</Text>
      <Button variant="default" loading={state === 'opening'} onClick={() => void open()}>
        {text.openQueues}
      </Button>
      {state === 'error' && (
        <Alert color="red" role="alert" mt="sm">
          {message}
        </Alert>
      )}
    </Paper>
  );
}

const COLUMNS: Column<Entry>[] = [
  { key: 'at', header: text.columns.at, render: (e) => format.dateTime(e.at), csv: (e) => e.at },
  {
    key: 'action',
    header: text.columns.action,
    render: (e) => <Code>{e.action}</Code>,
    csv: (e) => e.action,
  },
  {
    key: 'entity',
    header: text.columns.entity,
    render: (e) => (
      <>
        {e.entityType} <Code title={e.entityId}>{e.entityId.slice(0, 8)}</Code>
      </>
    ),
    csv: (e) => `${e.entityType} ${e.entityId}`,
  },
  { key: 'organisation', header: text.columns.organisation, render: organisationOf, csv: organisationOf },
  {
    key: 'actor',
    header: text.columns.actor,
    render: actor,
    csv: (e) => [actor(e), e.actorApiKeyId ?? e.actorUserId ?? ''].join(' '),
  },
  {
    key: 'changes',
    header: text.columns.changes,
    render: (e) => (
      <Text size="xs" ff="monospace" lineClamp={2} maw={360}>
        {changes(e)}
      </Text>
    ),
    csv: changes,
  },
];

/** Every recorded action, newest first; filters applied by the server; CSV of what is shown. */
export default function AuditLogPage() {
  const [draft, setDraft] = useState({ action: '', entityType: '' });
  const [filters, setFilters] = useState({ action: '', entityType: '' });
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const list = usePagedQuery(
    AuditLogDocument,
    {
      first: 50,
      action: filters.action.trim() || null,
      entityType: filters.entityType.trim() || null,
      organisationId,
    },
    (data) => data.auditLog,
  );
  return (
    <Stack>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setFilters(draft);
        }}
      >
        <DataTable
          caption={text.caption}
          columns={COLUMNS}
          {...pagedRows(list)}
          rowKey={(e) => e.id}
          exportName={text.exportFile}
          toolbar={
            <>
              <Autocomplete
                label={text.action}
                description={text.actionHint}
                data={ACTIONS}
                value={draft.action}
                onChange={(action) => setDraft((current) => ({ ...current, action }))}
              />
              <Autocomplete
                label={text.entityType}
                data={ENTITY_TYPES}
                value={draft.entityType}
                onChange={(entityType) => setDraft((current) => ({ ...current, entityType }))}
              />
              <OrganisationPicker
                label={text.organisation}
                value={organisationId}
                onChange={setOrganisationId}
              />
              <Button type="submit" mt="lg">
                {text.apply}
              </Button>
              <Button
                variant="default"
                mt="lg"
                onClick={() => {
                  setDraft({ action: '', entityType: '' });
                  setFilters({ action: '', entityType: '' });
                  setOrganisationId(null);
                }}
              >
                {text.reset}
              </Button>
            </>
          }
        />
      </form>
      <QueueDashboardLink />
    </Stack>
  );
}
