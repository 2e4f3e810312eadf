import { MantineProvider, Notification, createTheme, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Provider as GraphQLProvider } from 'urql';
import { Shell } from './layout/shell';
import { RequireAccess, NotFound } from './components/require-access';
import { graphqlClient } from './session/client';
import { SessionProvider } from './session/session';
import type { ConsoleRoute } from './routes';
import { t } from './i18n';
import { publicRoutes } from './pages/public/routes';
import { buyerRoutes } from './pages/buyer/routes';
import { supplierRoutes } from './pages/supplier/routes';
import { dgeRoutes } from './pages/dge/routes';
import { adminRoutes } from './pages/admin/routes';
import { ordersRoutes } from './pages/orders/routes';
import { inboxRoutes } from './pages/inbox/routes';

const routes: ConsoleRoute[] = [
  ...publicRoutes,
  ...buyerRoutes,
  ...supplierRoutes,
  ...dgeRoutes,
  ...adminRoutes,
  ...ordersRoutes,
  ...inboxRoutes,
];

// Mantine's default blue and its "dimmed" grey fail WCAG AA contrast for small text on white
// (axe: color-contrast); a darker primary shade and a darker grey pass.
const theme = createTheme({
  primaryShade: 8,
  components: {
    // A notification's close button is an icon: it needs a name (axe: button-name).
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': t.common.actions.close } },
    }),
  },
});
// The same holds for field errors (red 6): red 9 passes.
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <Notifications position="top-right" />
      <GraphQLProvider value={graphqlClient}>
        <SessionProvider>
          <BrowserRouter>
            <Shell routes={routes}>
              <Routes>
                {routes.map((route) => (
                  <Route
                    key={route.path}
                    path={route.path}
                    element={<RequireAccess rule={route.access}>{route.element}</RequireAccess>}
                  />
                ))}
                <Route path="*" element={<NotFound />} />
              </Routes>
            </Shell>
          </BrowserRouter>
        </SessionProvider>
      </GraphQLProvider>
    </MantineProvider>
  );
}
