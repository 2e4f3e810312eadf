import { useState } from 'react';
import { Alert, Badge, Button, Fieldset, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { SubcontractingLinksQuery } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { apiProblem, fieldError } from '../../components/errors';
import { useSession } from '../../session/session';
import { compactSiret, siretProblem } from '../public/siret';
import { siretMessage } from '../public/siret-message';

const SubcontractingLinksDocument = graphql(`
  query SubcontractingLinks {
    subcontractingLinks {
      id
      status
      createdAt
      group {
        id
        name
      }
      subcontractor {
        id
        name
      }
    }
  }
`);

const ProposeSubcontractorDocument = graphql(`
  mutation ProposeSubcontractor($siret: String!) {
    proposeSubcontractor(siret: $siret) {
      id
      status
    }
  }
`);

const ConfirmSubcontractingDocument = graphql(`
  mutation ConfirmSubcontracting($id: ID!) {
    confirmSubcontracting(linkId: $id) {
      id
      status
    }
  }
`);

type Link = SubcontractingLinksQuery['subcontractingLinks'][number];

const text = t.admin.subcontracting;

function ProposeForm({ onProposed }: { onProposed: () => void }) {
  const [siret, setSiret] = useState('');
  const [finished, setFinished] = useState(false);
  const [result, propose] = useMutation(ProposeSubcontractorDocument);
  const problem = apiProblem(result.error);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFinished(true);
    if (siretProblem(siret)) return;
    const outcome = await propose({ siret: compactSiret(siret) });
    if (!outcome.data) return;
    notifications.show({ color: 'green', message: text.proposed });
    setSiret('');
    setFinished(false);
    onProposed();
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Fieldset legend={text.propose}>
        <Stack>
          <Text size="sm">{text.proposeIntro}</Text>
          {problem && !Object.keys(problem.fields).length && (
            <Alert color="red" role="alert">
              {problem.message}
            </Alert>
          )}
          <TextInput
            label={text.siret}
            required
            inputMode="numeric"
            autoComplete="off"
            value={siret}
            onChange={(e) => setSiret(e.currentTarget.value)}
            onBlur={() => setFinished(true)}
            error={siretMessage(siret, finished) ?? fieldError(problem, 'siret')}
            maw={360}
          />
          <Button type="submit" loading={result.fetching} w="fit-content">
            {text.proposeSubmit}
          </Button>
        </Stack>
      </Fieldset>
    </form>
  );
}

export default function SubcontractingPage() {
  const { viewer } = useSession();
  const organisationId = viewer?.organisation?.id;
  const [{ data, error }, reload] = useQuery({ query: SubcontractingLinksDocument });
  const [confirming, confirm] = useMutation(ConfirmSubcontractingDocument);
  const problem = apiProblem(error ?? confirming.error);
  const links = data?.subcontractingLinks ?? [];
  const refresh = () => reload({ requestPolicy: 'network-only' });
  const isGroup = viewer?.organisation?.kinds.includes('LARGE_GROUP') ?? false;

  const confirmLink = async (link: Link) => {
    const outcome = await confirm({ id: link.id });
    if (!outcome.data) return;
    notifications.show({ color: 'green', message: text.confirmed });
    refresh();
  };

  return (
    <Stack maw={1000}>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      {problem && (
        <Alert color="red" role="alert">
          {problem.message}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table striped>
          <Table.Caption>
            {links.length ? text.caption : `${text.caption} : ${t.common.table.empty}`}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{text.group}</Table.Th>
              <Table.Th scope="col">{text.subcontractor}</Table.Th>
              <Table.Th scope="col">{text.status}</Table.Th>
              <Table.Th scope="col">{text.since}</Table.Th>
              <Table.Th scope="col">{text.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.map((link) => (
              <Table.Tr key={link.id}>
                <Table.Td>{link.group?.name ?? text.hidden}</Table.Td>
                <Table.Td>{link.subcontractor?.name ?? text.hidden}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" color={link.status === 'ACTIVE' ? 'green.9' : 'orange.9'}>
                    {text.statuses[link.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>{format.date(link.createdAt)}</Table.Td>
                <Table.Td>
                  {link.status === 'PENDING' && link.subcontractor?.id === organisationId && (
                    <Button
                      size="xs"
                      loading={confirming.fetching}
                      aria-label={text.confirmLabel(link.group?.name ?? text.hidden)}
                      onClick={() => void confirmLink(link)}
                    >
                      {text.confirm}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {isGroup && <ProposeForm onProposed={refresh} />}
    </Stack>
  );
}
