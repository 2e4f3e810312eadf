import { useState } from 'react';
import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { t } from '../../i18n';
import { SessionError } from '../../session/session-api';
import { useSession } from '../../session/session';

export function LoginPage() {
  const { login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only a path of this site: never an absolute URL taken from the query string.
  const next =
    params.get('suite')?.startsWith('/') && !params.get('suite')?.startsWith('//')
      ? params.get('suite')!
      : '/';

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password);
      void navigate(next, { replace: true });
    } catch (caught) {
      const code = caught instanceof SessionError ? caught.code : 'NETWORK';
      setError(
        ((t.common.errors as Record<string, unknown>)[code] as string) ??
          t.common.errors.INTERNAL_SERVER_ERROR,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper maw={420} p="lg" withBorder>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <Title order={1}>{t.public.login.title}</Title>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t.public.login.email}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t.public.login.password}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>
            {t.public.login.submit}
          </Button>
          <Text size="sm">
            {t.public.login.noAccount}{' '}
            <Anchor component={Link} to="/inscription">
              {t.common.nav.signUp}
            </Anchor>
          </Text>
        </Stack>
      </form>
    </Paper>
  );
}
