import { Suspense, type ReactNode } from 'react';
import {
  Anchor,
  AppShell,
  Burger,
  Center,
  Group,
  Loader,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useLocation, useNavigate } from 'react-router';
import { t } from '../i18n';
import type { ConsoleRoute } from '../routes';
import { allows, useSession } from '../session/session';
import { UnreadBell } from '../pages/inbox/unread-bell';

const SECTIONS = Object.keys(t.common.nav.sections) as (keyof typeof t.common.nav.sections)[];

/** The frame of every page: header with the session, navigation by role, the page in <main>. */
export function Shell({ routes, children }: { routes: ConsoleRoute[]; children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const { viewer, logout } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const visible = routes.filter((route) => route.nav && (!route.access || allows(viewer, route.access)));
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#contenu" className="skip-link">
        Aller au contenu
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t.common.nav.mainNavigation}
            />
            <Anchor component={Link} to="/" fw={700} size="lg" underline="never">
              {t.common.appName}
            </Anchor>
          </Group>
          {viewer ? (
            <Group gap="sm">
              <UnreadBell />
              <Menu position="bottom-end">
                <Menu.Target>
                  <UnstyledButton aria-label={t.common.nav.account}>
                    <Text size="sm" fw={500}>
                      {viewer.user?.fullName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t.common.session.actingFor(viewer.organisation?.name ?? '')}
                    </Text>
                  </UnstyledButton>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    onClick={() => {
                      void logout().then(() => navigate('/'));
                    }}
                  >
                    {t.common.nav.logout}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          ) : (
            <Group gap="sm">
              <Anchor component={Link} to="/inscription">
                {t.common.nav.signUp}
              </Anchor>
              <Anchor component={Link} to="/connexion">
                {t.common.nav.login}
              </Anchor>
            </Group>
          )}
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t.common.nav.mainNavigation}>
        <ScrollArea>
          {SECTIONS.map((section) => {
            const entries = visible.filter((route) => route.nav?.section === section);
            if (!entries.length) return null;
            return (
              <div key={section}>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="sm" pb={4}>
                  {t.common.nav.sections[section]}
                </Text>
                {entries.map((route) => (
                  <NavLink
                    key={route.path}
                    component={Link}
                    to={route.path}
                    label={route.nav?.label}
                    active={location.pathname === route.path}
                    onClick={close}
                  />
                ))}
              </div>
            );
          })}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="contenu">
        <Suspense
          fallback={
            <Center py="xl">
              <Loader aria-label={t.common.table.loading} />
            </Center>
          }
        >
          {children}
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
