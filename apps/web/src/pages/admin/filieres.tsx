import { Alert, Checkbox, Fieldset, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { t } from '../../i18n';
import { apiProblem } from '../../components/errors';

const FilieresOfMyOrganisationDocument = graphql(`
  query FilieresOfMyOrganisation {
    filieres {
      code
      name
    }
    myOrganisation {
      id
      filieres {
        code
        name
      }
    }
  }
`);

const JoinFiliereDocument = graphql(`
  mutation JoinFiliere($code: String!) {
    joinFiliere(filiereCode: $code) {
      id
      filieres {
        code
        name
      }
    }
  }
`);

const LeaveFiliereDocument = graphql(`
  mutation LeaveFiliere($code: String!) {
    leaveFiliere(filiereCode: $code) {
      id
      filieres {
        code
        name
      }
    }
  }
`);

const text = t.admin.filieres;

/** One box per filière: ticking joins it, unticking leaves it (the answer updates the organisation). */
export default function FilieresPage() {
  const [{ data, error }] = useQuery({ query: FilieresOfMyOrganisationDocument });
  const [joining, join] = useMutation(JoinFiliereDocument);
  const [leaving, leave] = useMutation(LeaveFiliereDocument);
  const problem = apiProblem(error ?? joining.error ?? leaving.error);
  const mine = new Set(data?.myOrganisation.filieres.map((filiere) => filiere.code));
  const busy = joining.fetching || leaving.fetching;

  const toggle = async (code: string, name: string, member: boolean) => {
    const outcome = member ? await join({ code }) : await leave({ code });
    if (outcome.data)
      notifications.show({ color: 'green', message: (member ? text.joined : text.left)(name) });
  };

  return (
    <Stack maw={900}>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      {problem && (
        <Alert color="red" role="alert">
          {problem.message}
        </Alert>
      )}
      {data && (
        <Fieldset legend={text.legend}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {data.filieres.map((filiere) => (
              <Checkbox
                key={filiere.code}
                label={filiere.name}
                checked={mine.has(filiere.code)}
                disabled={busy}
                onChange={(e) => void toggle(filiere.code, filiere.name, e.currentTarget.checked)}
              />
            ))}
          </SimpleGrid>
        </Fieldset>
      )}
    </Stack>
  );
}
