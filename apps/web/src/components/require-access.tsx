import type { ReactNode } from 'react';
import { Alert, Button, Center, Loader, Stack, Title } from '@mantine/core';
import { Link, Navigate, useLocation } from 'react-router';
import { t } from '../i18n';
import { allows, useSession, type AccessRule } from '../session/session';

/**
 * Shows a page only to whom its rule allows. Signed out: to the login page, then back here. Signed in
 * with another role: a refusal (the API refuses the data anyway; this says so plainly).
 */
export function RequireAccess({ rule, children }: { rule?: AccessRule; children: ReactNode }) {
  const { state, viewer } = useSession();
  const location = useLocation();
  if (!rule) return <>{children}</>;
  if (state.status === 'loading')
    return (
      <Center py="xl">
        <Loader aria-label={t.common.session.loading} />
      </Center>
    );
  if (!viewer)
    return (
      <Navigate to={`/connexion?suite=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  if (!allows(viewer, rule)) return <AccessDenied />;
  return <>{children}</>;
}

export function AccessDenied() {
  return (
    <Stack maw={640}>
      <Title order={1}>{t.common.access.deniedTitle}</Title>
      <Alert color="red" role="alert">
        {t.common.access.deniedBody}
      </Alert>
      <Button component={Link} to="/" variant="default" w="fit-content">
        {t.common.access.backHome}
      </Button>
    </Stack>
  );
}

export function NotFound() {
  return (
    <Stack maw={640}>
      <Title order={1}>{t.common.access.notFoundTitle}</Title>
      <Alert color="yellow">{t.common.access.notFoundBody}</Alert>
      <Button component={Link} to="/" variant="default" w="fit-content">
        {t.common.access.backHome}
      </Button>
    </Stack>
  );
}
