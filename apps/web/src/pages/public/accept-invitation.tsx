import { useEffect, useState } from 'react';
import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, type CombinedError } from 'urql';
import { graphql } from '../../gql';
import { t } from '../../i18n';
import { apiProblem, fieldError } from '../../components/errors';
import { MIN_PASSWORD_LENGTH } from './account-rules';
import { useAdoptSession } from './adopt-session';
import { PersonFields } from './person-fields';

const AcceptInvitationDocument = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      refreshToken
      membership {
        organisation {
          name
        }
      }
    }
  }
`);

const text = t.public.invitation;

/**
 * The invitation link carries its token after `#jeton=`: a fragment never reaches the server, so it is
 * in no request log. Reading it has no effect: React may render the page more than once before showing
 * it (a render set aside while the lazy page loads), and each render must find the token still there.
 */
const tokenInLink = (): string => new URLSearchParams(window.location.hash.slice(1)).get('jeton') ?? '';

/** The API says why it refused in its message only (both are UNAUTHENTICATED). */
function refusalMessage(error: CombinedError | undefined): string | null {
  const problem = apiProblem(error);
  if (!problem || Object.keys(problem.fields).length) return null;
  if (problem.code === 'CONFLICT') return text.alreadyMember;
  if (problem.code !== 'UNAUTHENTICATED') return problem.message;
  return error?.graphQLErrors[0]?.message.includes('account exists') ? text.existingAccount : text.invalid;
}

export default function AcceptInvitationPage() {
  const { adopting, adoptAndGo } = useAdoptSession();
  const [token, setToken] = useState(tokenInLink);
  // Once the page is shown, the token leaves the address bar (history, screenshots).
  useEffect(() => {
    if (tokenInLink()) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  const [fullName, setFullName] = useState('');
  const [password, setPassword] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [result, accept] = useMutation(AcceptInvitationDocument);
  const problem = apiProblem(result.error);
  const message = refusalMessage(result.error);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (password.length < MIN_PASSWORD_LENGTH) return;
    const outcome = await accept({ input: { token: token.trim(), fullName: fullName.trim(), password } });
    const session = outcome.data?.acceptInvitation;
    if (session)
      await adoptAndGo(session.refreshToken, text.done(session.membership.organisation?.name ?? ''), '/');
  };

  return (
    <Paper maw={520} p="lg" withBorder>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          <Title order={1}>{text.title}</Title>
          <Text>{text.intro}</Text>
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <TextInput
            label={text.token}
            description={text.tokenHint}
            required
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.currentTarget.value)}
            error={fieldError(problem, 'token')}
          />
          <PersonFields
            fullName={fullName}
            onFullName={setFullName}
            password={password}
            onPassword={setPassword}
            labels={text}
            submitted={submitted}
            errors={{ fullName: fieldError(problem, 'fullName'), password: fieldError(problem, 'password') }}
          />
          <Button type="submit" loading={result.fetching || adopting} w="fit-content">
            {text.submit}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
