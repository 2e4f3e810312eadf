import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { InviteMemberMutation, MembersQuery, OrganisationKind, Role } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { DataTable, type Column } from '../../components/data-table';
import { apiProblem, fieldError } from '../../components/errors';
import { usePagedQuery } from '../../components/paged-query';
import { useSession } from '../../session/session';

const MembersDocument = graphql(`
  query Members($first: Int, $after: String) {
    members(first: $first, after: $after) {
      edges {
        node {
          id
          roles
          createdAt
          user {
            id
            fullName
            email
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

const InviteMemberDocument = graphql(`
  mutation InviteMember($input: InviteMemberInput!) {
    inviteMember(input: $input) {
      id
      email
      roles
      expiresAt
    }
  }
`);

type Member = MembersQuery['members']['edges'][number]['node'];
type Invitation = InviteMemberMutation['inviteMember'];

const text = t.admin.members;

const BUYING: OrganisationKind[] = ['BUYER', 'LARGE_GROUP'];
const SUPPLYING: OrganisationKind[] = ['MANUFACTURER', 'IMPORTER', 'DISTRIBUTOR'];

/**
 * The roles an admin may hand out, as the API decides them (grantableRoles in
 * libs/organisations/domain/organisation.rules.ts); the API refuses any other.
 */
function grantableRoles(kinds: readonly OrganisationKind[]): Role[] {
  const roles: Role[] = ['ORG_ADMIN'];
  if (kinds.some((kind) => BUYING.includes(kind))) roles.push('BUYER');
  if (kinds.some((kind) => SUPPLYING.includes(kind))) roles.push('SUPPLIER_MANAGER');
  if (kinds.includes('AUTHORITY')) roles.push('DGE_OFFICER');
  return roles;
}

const roleNames = (roles: readonly Role[]) => roles.map((role) => t.common.roles[role]).join(', ');

function InviteForm({ onInvited }: { onInvited: (invitation: Invitation) => void }) {
  const { viewer } = useSession();
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const [result, invite] = useMutation(InviteMemberDocument);
  const problem = apiProblem(result.error);
  const options = grantableRoles(viewer?.organisation?.kinds ?? []).map((role) => ({
    value: role,
    label: t.common.roles[role],
  }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!roles.length) return;
    const outcome = await invite({ input: { email: email.trim(), roles: roles as Role[] } });
    const invitation = outcome.data?.inviteMember;
    if (!invitation) return;
    notifications.show({ color: 'green', message: text.invited(invitation.email) });
    onInvited(invitation);
    setEmail('');
    setRoles([]);
    setSubmitted(false);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Fieldset legend={text.invite}>
        <Stack>
          <Text size="sm">{text.inviteIntro}</Text>
          {problem && !Object.keys(problem.fields).length && (
            <Alert color="red" role="alert">
              {problem.message}
            </Alert>
          )}
          <Group align="flex-start" grow>
            <TextInput
              label={text.inviteEmail}
              type="email"
              required
              autoComplete="off"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(problem, 'email')}
            />
            <MultiSelect
              label={text.inviteRoles}
              description={text.inviteRolesHint}
              required
              searchable
              data={options}
              value={roles}
              onChange={setRoles}
              error={submitted && !roles.length ? text.rolesRequired : fieldError(problem, 'roles')}
            />
          </Group>
          <Button type="submit" loading={result.fetching} w="fit-content">
            {text.inviteSubmit}
          </Button>
        </Stack>
      </Fieldset>
    </form>
  );
}

/** The API lists no invitations: those sent from this page are shown until it is left. */
function SentInvitations({ invitations }: { invitations: Invitation[] }) {
  if (!invitations.length) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {text.sentTitle}
      </Title>
      <Table>
        <Table.Caption>{text.sentCaption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{text.email}</Table.Th>
            <Table.Th scope="col">{text.roles}</Table.Th>
            <Table.Th scope="col">{text.expiresAt}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.map((invitation) => (
            <Table.Tr key={invitation.id}>
              <Table.Td>{invitation.email}</Table.Td>
              <Table.Td>{roleNames(invitation.roles)}</Table.Td>
              <Table.Td>{format.dateTime(invitation.expiresAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export default function MembersPage() {
  const list = usePagedQuery(MembersDocument, { first: 50 }, (data) => data.members);
  const [sent, setSent] = useState<Invitation[]>([]);
  const columns: Column<Member>[] = [
    {
      key: 'name',
      header: text.name,
      render: (m) => m.user?.fullName ?? '–',
      csv: (m) => m.user?.fullName,
    },
    { key: 'email', header: text.email, render: (m) => m.user?.email ?? '–', csv: (m) => m.user?.email },
    {
      key: 'roles',
      header: text.roles,
      render: (m) => (
        <Group gap={4}>
          {m.roles.map((role) => (
            <Badge key={role} variant="outline">
              {t.common.roles[role]}
            </Badge>
          ))}
        </Group>
      ),
      csv: (m) => roleNames(m.roles),
    },
    {
      key: 'since',
      header: text.since,
      render: (m) => format.date(m.createdAt),
      csv: (m) => m.createdAt.slice(0, 10),
    },
  ];
  return (
    <Stack>
      <Title order={1}>{text.title}</Title>
      <DataTable
        caption={text.caption}
        columns={columns}
        rows={list.rows}
        rowKey={(m) => m.id}
        fetching={list.fetching}
        error={list.error}
        hasNextPage={list.hasNextPage}
        onLoadMore={list.loadMore}
        exportName={text.exportFile}
      />
      <Text size="sm" c="dimmed">
        {text.rolesFixed}
      </Text>
      <InviteForm onInvited={(invitation) => setSent((current) => [invitation, ...current])} />
      <SentInvitations invitations={sent} />
    </Stack>
  );
}
