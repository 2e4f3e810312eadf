import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ApiKeysQuery, ApiScope } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { DataTable, type Column } from '../../components/data-table';
import { apiProblem, fieldError } from '../../components/errors';
import { STATUS_COLOR } from './status-colors';

const ApiKeysDocument = graphql(`
  query ApiKeys {
    apiKeys {
      id
      name
      prefix
      scopes
      createdAt
      revokedAt
    }
  }
`);

const CreateApiKeyDocument = graphql(`
  mutation CreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      secret
      apiKey {
        id
        name
        prefix
        scopes
        createdAt
        revokedAt
      }
    }
  }
`);

const RevokeApiKeyDocument = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

type Key = ApiKeysQuery['apiKeys'][number];

const text = t.supplier.apiKeys;
const SCOPES = Object.keys(text.scopeNames) as ApiScope[];
const EXAMPLE = `curl https://<adresse>/graphql \\
  -H 'content-type: application/json' \\
  -H 'x-api-key: <votre clé>' \\
  -d '{"query":"mutation($input: OfferUpsertInput!) { upsertOffers(input: $input) { created updated unchanged } }", "variables": {"input": {"rows": [ … ]}}}'`;

/** The organisation's keys for its ERP: create (the secret shown once), list, revoke. */
export default function ApiKeysPage() {
  const [keys, refetch] = useQuery({ query: ApiKeysDocument });
  const [created, create] = useMutation(CreateApiKeyDocument);
  const [revocation, revoke] = useMutation(RevokeApiKeyDocument);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>(['CATALOG_WRITE']);
  const [checked, setChecked] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<Key | null>(null);
  const problem = apiProblem(created.error);
  const listProblem = apiProblem(keys.error ?? revocation.error);

  const submit = async () => {
    setChecked(true);
    if (!name.trim() || !scopes.length) return;
    const answer = await create({ input: { name: name.trim(), scopes } });
    if (answer.data) {
      setSecret(answer.data.createApiKey.secret ?? null);
      setName('');
      setChecked(false);
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const confirmRevoke = async () => {
    if (!revoking) return;
    const answer = await revoke({ id: revoking.id });
    if (!answer.error) {
      notifications.show({ color: 'green', message: text.revoked });
      setRevoking(null);
    }
  };
  const columns: Column<Key>[] = [
    { key: 'name', header: text.columns.name, render: (k) => k.name },
    { key: 'prefix', header: text.columns.prefix, render: (k) => <Code>{k.prefix}…</Code> },
    {
      key: 'scopes',
      header: text.columns.scopes,
      render: (k) => k.scopes.map((scope) => text.scopeNames[scope]).join(' ; '),
    },
    { key: 'createdAt', header: text.columns.createdAt, render: (k) => format.dateTime(k.createdAt) },
    {
      key: 'status',
      header: text.columns.status,
      render: (k) =>
        k.revokedAt ? (
          <Badge color={STATUS_COLOR.neutral} variant="filled">
            {text.revokedOn(format.dateTime(k.revokedAt))}
          </Badge>
        ) : (
          <Badge color={STATUS_COLOR.good} variant="filled">
            {text.active}
          </Badge>
        ),
    },
    {
      key: 'actions',
      header: text.columns.actions,
      render: (k) =>
        !k.revokedAt && (
          <Button size="xs" variant="default" onClick={() => setRevoking(k)} aria-label={text.revoke(k.name)}>
            {text.revokeTitle}
          </Button>
        ),
    },
  ];
  return (
    <Stack>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      <Alert color="blue" variant="outline" title={text.howTitle}>
        <Stack gap="xs">
          <Text size="sm">{text.how}</Text>
          <Text size="sm" fw={500}>
            {text.exampleLabel}
          </Text>
          <Code block>{EXAMPLE}</Code>
        </Stack>
      </Alert>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Title order={2}>{text.createTitle}</Title>
          {problem && !Object.keys(problem.fields).length && (
            <Alert color="red" role="alert">
              {problem.message}
            </Alert>
          )}
          <TextInput
            label={text.name}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={(checked && !name.trim() ? text.nameRequired : undefined) ?? fieldError(problem, 'name')}
          />
          <Checkbox.Group
            label={text.scopes}
            value={scopes}
            onChange={(value) => setScopes(value as ApiScope[])}
            error={
              (checked && !scopes.length ? text.scopesRequired : undefined) ?? fieldError(problem, 'scopes')
            }
          >
            <Stack gap={4} mt={4}>
              {SCOPES.map((scope) => (
                <Checkbox key={scope} value={scope} label={text.scopeNames[scope]} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button type="submit" loading={created.fetching}>
              {text.create}
            </Button>
          </Group>
        </Stack>
      </form>
      {listProblem && (
        <Alert color="red" role="alert">
          {listProblem.message}
        </Alert>
      )}
      <DataTable
        caption={text.caption}
        columns={columns}
        rows={keys.data?.apiKeys ?? []}
        rowKey={(k) => k.id}
        fetching={keys.fetching}
      />
      <Modal
        opened={secret !== null}
        onClose={() => setSecret(null)}
        title={text.secretTitle}
        size="lg"
        closeButtonProps={{ 'aria-label': t.common.actions.close }}
      >
        <Stack>
          <Alert color="orange" variant="outline" role="alert">
            {text.secretWarning}
          </Alert>
          <TextInput
            label={text.secretLabel}
            value={secret ?? ''}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
          />
          <Group justify="flex-end">
            <CopyButton value={secret ?? ''}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? text.copied : text.copy}
                </Button>
              )}
            </CopyButton>
            <Button onClick={() => setSecret(null)}>{text.done}</Button>
          </Group>
        </Stack>
      </Modal>
      <Modal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={text.revokeTitle}
        closeButtonProps={{ 'aria-label': t.common.actions.close }}
      >
        <Stack>
          <Text>{revoking ? text.revokeConfirm(revoking.name) : ''}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              {t.common.actions.cancel}
            </Button>
            <Button color="red" loading={revocation.fetching} onClick={() => void confirmRevoke()}>
              {text.revokeTitle}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
