import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { MembersQuery, OrganisationKind, PendingInvitationsQuery, Role } from '../../gql/graphql';
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

const ChangeMemberRolesDocument = graphql(`
  mutation ChangeMemberRoles($membershipId: ID!, $roles: [Role!]!) {
    changeMemberRoles(membershipId: $membershipId, roles: $roles) {
      id
      roles
    }
  }
`);

const PendingInvitationsDocument = graphql(`
  query PendingInvitations($first: Int, $after: String) {
    invitations(first: $first, after: $after, status: PENDING) {
      edges {
        node {
          id
          email
          roles
          createdAt
          expiresAt
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

type Member = MembersQuery['members']['edges'][number]['node'];
type Invitation = PendingInvitationsQuery['invitations']['edges'][number]['node'];

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

/** The MultiSelect options of the roles the viewer's organisation may grant. */
function useRoleOptions() {
  const { viewer } = useSession();
  return grantableRoles(viewer?.organisation?.kinds ?? []).map((role) => ({
    value: role,
    label: t.common.roles[role],
  }));
}

function InviteForm({ onInvited }: { onInvited: () => void }) {
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const [result, invite] = useMutation(InviteMemberDocument);
  const problem = apiProblem(result.error);
  const options = useRoleOptions();

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!roles.length) return;
    const outcome = await invite({ input: { email: email.trim(), roles: roles as Role[] } });
    const invitation = outcome.data?.inviteMember;
    if (!invitation) return;
    notifications.show({ color: 'green', message: text.invited(invitation.email) });
    onInvited();
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

/**
 * Sets a member's roles. Only grantable roles are offered (a referent's role is kept by the API);
 * the API's refusal (e.g. removing the last administrator) is shown at the field.
 */
function RoleEditor({ member, onDone }: { member: Member; onDone: (saved: boolean) => void }) {
  const options = useRoleOptions();
  const [roles, setRoles] = useState<string[]>(
    member.roles.filter((role) => options.some((option) => option.value === role)),
  );
  const [submitted, setSubmitted] = useState(false);
  const [result, save] = useMutation(ChangeMemberRolesDocument);
  const problem = apiProblem(result.error);
  const name = member.user?.fullName ?? member.user?.email ?? '';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!roles.length) return;
    const outcome = await save({ membershipId: member.id, roles: roles as Role[] });
    if (!outcome.data?.changeMemberRoles) return;
    notifications.show({ color: 'green', message: text.rolesSaved(name) });
    onDone(true);
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Fieldset legend={text.editTitle(name)}>
        <Stack>
          <MultiSelect
            label={text.newRoles}
            description={text.inviteRolesHint}
            required
            data={options}
            value={roles}
            onChange={setRoles}
            error={
              submitted && !roles.length
                ? text.rolesRequired
                : problem?.code === 'CONFLICT'
                  ? text.lastAdmin
                  : (fieldError(problem, 'roles') ?? problem?.message)
            }
          />
          <Group>
            <Button type="submit" loading={result.fetching}>
              {text.save}
            </Button>
            <Button variant="default" onClick={() => onDone(false)}>
              {text.cancel}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}

function PendingInvitations({ list }: { list: ReturnType<typeof usePendingInvitations> }) {
  const columns: Column<Invitation>[] = [
    { key: 'email', header: text.email, render: (i) => i.email, csv: (i) => i.email },
    { key: 'roles', header: text.roles, render: (i) => roleNames(i.roles), csv: (i) => roleNames(i.roles) },
    {
      key: 'sent',
      header: text.sentOn,
      render: (i) => format.dateTime(i.createdAt),
      csv: (i) => i.createdAt,
    },
    {
      key: 'expires',
      header: text.expiresAt,
      render: (i) => format.dateTime(i.expiresAt),
      csv: (i) => i.expiresAt,
    },
  ];
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {text.pendingTitle}
      </Title>
      <DataTable
        caption={text.pendingCaption}
        columns={columns}
        rows={list.rows}
        rowKey={(i) => i.id}
        fetching={list.fetching}
        error={list.error}
        hasNextPage={list.hasNextPage}
        onLoadMore={list.loadMore}
        exportName={text.pendingExportFile}
      />
    </Stack>
  );
}

const usePendingInvitations = () =>
  usePagedQuery(PendingInvitationsDocument, { first: 20 }, (data) => data.invitations);

export default function MembersPage() {
  const list = usePagedQuery(MembersDocument, { first: 50 }, (data) => data.members);
  const invitations = usePendingInvitations();
  const [editing, setEditing] = useState<Member | null>(null);
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
    {
      key: 'actions',
      header: text.actions,
      render: (m) => (
        <Button
          size="xs"
          variant="default"
          aria-label={text.editRolesOf(m.user?.fullName ?? m.user?.email ?? '')}
          onClick={() => setEditing(m)}
        >
          {text.editRoles}
        </Button>
      ),
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
        {text.rolesEffect}
      </Text>
      {editing && (
        <RoleEditor
          key={editing.id}
          member={editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) list.refresh();
          }}
        />
      )}
      <InviteForm onInvited={invitations.refresh} />
      <PendingInvitations list={invitations} />
    </Stack>
  );
}
