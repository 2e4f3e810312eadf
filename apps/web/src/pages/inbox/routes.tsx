import { lazy } from 'react';
import type { ConsoleRoute } from '../../routes';
import { ALL_ROLES } from '../../session/roles';

const InboxPage = lazy(() => import('./inbox'));

export const inboxRoutes: ConsoleRoute[] = [
  // Reached from the bell in the header, for every signed-in person.
  { path: '/notifications', element: <InboxPage />, access: { roles: ALL_ROLES } },
];
