import { useState } from 'react';
import {
  Alert,
  Button,
  Center,
  Fieldset,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { MyOrganisationQuery } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { apiProblem, fieldError } from '../../components/errors';
import { REGION_OPTIONS } from '../../components/geography';
import { useSession } from '../../session/session';
import { PlaceFields, type PlaceValues } from '../public/organisation-fields';

const MyOrganisationDocument = graphql(`
  query MyOrganisation {
    myOrganisation {
      id
      siret
      siren
      name
      kinds
      sizeClass
      headcount
      departmentCode
      regionCode
      city
      salesContact
      createdAt
    }
  }
`);

const UpdateMyOrganisationDocument = graphql(`
  mutation UpdateMyOrganisation($input: UpdateOrganisationInput!) {
    updateMyOrganisation(input: $input) {
      id
      name
      headcount
      sizeClass
      departmentCode
      regionCode
      city
      salesContact
    }
  }
`);

const RevokeAllMySessionsDocument = graphql(`
  mutation RevokeAllMySessions {
    revokeAllMySessions
  }
`);

type MyOrganisation = MyOrganisationQuery['myOrganisation'];

const text = t.admin.organisation;

function Identity({ organisation }: { organisation: MyOrganisation }) {
  const rows: [string, string][] = [
    [text.siret, organisation.siret],
    [text.siren, organisation.siren],
    [text.kinds, organisation.kinds.map((kind) => t.common.kinds[kind]).join(', ')],
    [text.sizeClass, t.admin.sizeClasses[organisation.sizeClass]],
    [text.region, REGION_OPTIONS.find((r) => r.value === organisation.regionCode)?.label ?? '–'],
    [text.registeredOn, format.date(organisation.createdAt)],
  ];
  return (
    <Fieldset legend={text.identity}>
      <Table>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" w={200}>
                {label}
              </Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" mt="xs">
        {text.unchangedIdentity}
      </Text>
    </Fieldset>
  );
}

/** The editable details, started from what the API holds; sent whole (unchanged fields are no-ops). */
function DetailsForm({ organisation }: { organisation: MyOrganisation }) {
  const [name, setName] = useState(organisation.name);
  const [place, setPlace] = useState<PlaceValues>({
    departmentCode: organisation.departmentCode,
    city: organisation.city ?? '',
    headcount: organisation.headcount,
    salesContact: organisation.salesContact ?? '',
  });
  const [result, update] = useMutation(UpdateMyOrganisationDocument);
  const problem = apiProblem(result.error);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const outcome = await update({
      input: {
        name: name.trim(),
        departmentCode: place.departmentCode ?? undefined,
        headcount: Number(place.headcount),
        city: place.city.trim() || null,
        salesContact: place.salesContact.trim() || null,
      },
    });
    if (outcome.data) notifications.show({ color: 'green', message: text.saved });
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <Fieldset legend={text.details}>
        <Stack>
          {problem && !Object.keys(problem.fields).length && (
            <Alert color="red" role="alert">
              {problem.message}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={text.name}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldError(problem, 'name')}
            />
            <PlaceFields
              values={place}
              onChange={setPlace}
              labels={text}
              salesContactHint={text.salesContactHint}
              errorOf={(field) => fieldError(problem, field)}
            />
          </SimpleGrid>
          <Button type="submit" loading={result.fetching} w="fit-content">
            {t.common.actions.save}
          </Button>
        </Stack>
      </Fieldset>
    </form>
  );
}

/** Closes every session of the person (this one too), after a second click, then to the login page. */
function SignOutEverywhere() {
  const { logout } = useSession();
  const navigate = useNavigate();
  const [asked, setAsked] = useState(false);
  const [result, revokeAll] = useMutation(RevokeAllMySessionsDocument);
  const problem = apiProblem(result.error);
  const revoke = async () => {
    const outcome = await revokeAll({});
    if (!outcome.data) return;
    notifications.show({ message: text.revokedAll(outcome.data.revokeAllMySessions) });
    await logout();
    void navigate('/connexion', { replace: true });
  };
  return (
    <Fieldset legend={text.security}>
      <Stack>
        <Text>{text.revokeAllIntro}</Text>
        {problem && (
          <Alert color="red" role="alert">
            {problem.message}
          </Alert>
        )}
        {asked ? (
          <Alert color="red" title={text.revokeAllConfirm}>
            <Group>
              <Button color="red" loading={result.fetching} onClick={() => void revoke()}>
                {t.common.actions.confirm}
              </Button>
              <Button variant="default" onClick={() => setAsked(false)}>
                {t.common.actions.cancel}
              </Button>
            </Group>
          </Alert>
        ) : (
          <Button color="red" variant="outline" w="fit-content" onClick={() => setAsked(true)}>
            {text.revokeAll}
          </Button>
        )}
      </Stack>
    </Fieldset>
  );
}

export default function OrganisationPage() {
  const [{ data, fetching, error }] = useQuery({ query: MyOrganisationDocument });
  const problem = apiProblem(error);
  const organisation = data?.myOrganisation;
  return (
    <Stack maw={900}>
      <Title order={1}>{text.title}</Title>
      {problem && (
        <Alert color="red" role="alert">
          {problem.message}
        </Alert>
      )}
      {fetching && !organisation && (
        <Center py="xl">
          <Loader aria-label={t.common.table.loading} />
        </Center>
      )}
      {organisation && (
        <>
          <Title order={2} size="h3">
            {organisation.name}
          </Title>
          <Identity organisation={organisation} />
          <DetailsForm key={organisation.id} organisation={organisation} />
        </>
      )}
      <SignOutEverywhere />
    </Stack>
  );
}
