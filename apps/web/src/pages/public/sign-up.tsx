import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  Fieldset,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { OrganisationKind } from '../../gql/graphql';
import { t } from '../../i18n';
import { apiProblem, fieldError, type ApiProblem } from '../../components/errors';
import { MIN_PASSWORD_LENGTH } from './account-rules';
import { useAdoptSession } from './adopt-session';
import { PersonFields } from './person-fields';
import { PlaceFields, type PlaceValues } from './organisation-fields';
import { compactSiret, siretProblem } from './siret';
import { siretMessage } from './siret-message';

const FilieresDocument = graphql(`
  query SignUpFilieres {
    filieres {
      code
      name
    }
  }
`);

const SignUpDocument = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      organisation {
        id
        name
      }
      session {
        refreshToken
      }
    }
  }
`);

/** Operators register authorities and regional health agencies, never sign-up (the API refuses them). */
const OPERATOR_KINDS: OrganisationKind[] = ['AUTHORITY', 'REGIONAL_HEALTH_AGENCY'];
const KIND_OPTIONS = (Object.keys(t.common.kinds) as OrganisationKind[])
  .filter((kind) => !OPERATOR_KINDS.includes(kind))
  .map((kind) => ({ value: kind, label: t.common.kinds[kind] }));

const text = t.public.signUp;

/** The API's refusal of one field, in the page's words when it is one it knows. */
function refusal(problem: ApiProblem | null, path: string, known?: string): string | undefined {
  const message = fieldError(problem, path);
  return message && known ? known : message;
}

export default function SignUpPage() {
  const [{ data: filieres }] = useQuery({ query: FilieresDocument });
  const [result, signUp] = useMutation(SignUpDocument);
  const [siret, setSiret] = useState('');
  const [siretBlurred, setSiretBlurred] = useState(false);
  const [name, setName] = useState('');
  const [kinds, setKinds] = useState<string[]>([]);
  const [finess, setFiness] = useState('');
  const establishment = kinds.includes('HEALTH_ESTABLISHMENT');
  const [place, setPlace] = useState<PlaceValues>({
    departmentCode: null,
    city: '',
    headcount: '',
    salesContact: '',
  });
  const [filiereCodes, setFiliereCodes] = useState<string[]>([]);
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const { adopting, adoptAndGo } = useAdoptSession();
  // What the API judged: its refusal of a field is shown until that field is changed.
  const [sent, setSent] = useState({ siret: '', email: '' });

  const problem = apiProblem(result.error);
  const siretJudged = compactSiret(siret) === sent.siret;
  const siretError =
    siretMessage(siret, siretBlurred || submitted) ??
    (siretJudged
      ? (refusal(problem, 'organisation.siret', problem?.code === 'CONFLICT' ? text.siretTaken : undefined) ??
        refusal(problem, 'siret'))
      : undefined);
  const kindsError = submitted && !kinds.length ? text.kindsRequired : refusal(problem, 'organisation.kinds');
  const emailError =
    email.trim() === sent.email
      ? refusal(problem, 'admin.email', problem?.code === 'CONFLICT' ? text.emailTaken : undefined)
      : undefined;
  const located = Object.keys(problem?.fields ?? {}).length > 0;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (siretProblem(siret) || !kinds.length || password.length < MIN_PASSWORD_LENGTH) return;
    setSent({ siret: compactSiret(siret), email: email.trim() });
    const outcome = await signUp({
      input: {
        organisation: {
          siret: compactSiret(siret),
          name: name.trim(),
          kinds: kinds as OrganisationKind[],
          departmentCode: place.departmentCode ?? '',
          headcount: Number(place.headcount),
          city: place.city.trim() || undefined,
          salesContact: place.salesContact.trim() || undefined,
          filiereCodes,
          finess: establishment ? finess.replace(/\s/g, '') : undefined,
        },
        admin: { fullName: fullName.trim(), email: email.trim(), password },
      },
    });
    const payload = outcome.data?.signUp;
    if (payload)
      await adoptAndGo(payload.session.refreshToken, text.done(payload.organisation.name), '/organisation');
  };

  return (
    <Paper maw={760} p="lg" withBorder>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Title order={1}>{text.title}</Title>
          <Text>{text.intro}</Text>
          {problem && !located && (
            <Alert color="red" role="alert">
              {problem.message}
            </Alert>
          )}
          <Fieldset legend={text.organisation}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={text.siret}
                description={text.siretHint}
                required
                inputMode="numeric"
                autoComplete="off"
                value={siret}
                onChange={(e) => setSiret(e.currentTarget.value)}
                onBlur={() => setSiretBlurred(true)}
                error={siretError}
              />
              <TextInput
                label={text.name}
                required
                autoComplete="organization"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={refusal(problem, 'organisation.name')}
              />
              <MultiSelect
                label={text.kinds}
                description={text.kindsHint}
                required
                searchable
                data={KIND_OPTIONS}
                value={kinds}
                onChange={setKinds}
                maxValues={3}
                error={kindsError}
              />
              {establishment && (
                <TextInput
                  label={text.finess}
                  description={text.finessHint}
                  required
                  autoComplete="off"
                  value={finess}
                  onChange={(e) => setFiness(e.currentTarget.value)}
                  error={
                    refusal(
                      problem,
                      'organisation.finess',
                      problem?.code === 'CONFLICT' ? text.finessTaken : undefined,
                    ) ?? refusal(problem, 'finess')
                  }
                />
              )}
              <PlaceFields
                values={place}
                onChange={setPlace}
                labels={text}
                errorOf={(field) => refusal(problem, `organisation.${field}`) ?? refusal(problem, field)}
              />
              <MultiSelect
                label={text.filieres}
                description={text.filieresHint}
                searchable
                data={(filieres?.filieres ?? []).map((f) => ({ value: f.code, label: f.name }))}
                value={filiereCodes}
                onChange={setFiliereCodes}
                error={refusal(problem, 'organisation.filiereCodes') ?? refusal(problem, 'filiereCodes')}
              />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={text.admin}>
            <Stack>
              <PersonFields
                fullName={fullName}
                onFullName={setFullName}
                password={password}
                onPassword={setPassword}
                labels={text}
                submitted={submitted}
                errors={{
                  fullName: refusal(problem, 'admin.fullName'),
                  password: refusal(problem, 'admin.password'),
                }}
              >
                <TextInput
                  label={text.email}
                  type="email"
                  required
                  autoComplete="email"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={emailError}
                />
              </PersonFields>
            </Stack>
          </Fieldset>
          <Button type="submit" loading={result.fetching || adopting} w="fit-content">
            {text.submit}
          </Button>
          <Text size="sm">
            {text.haveAccount}{' '}
            <Anchor component={Link} to="/connexion">
              {t.common.nav.login}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
