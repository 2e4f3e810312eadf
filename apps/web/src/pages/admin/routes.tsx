import { lazy } from 'react';
import { t } from '../../i18n';
import type { ConsoleRoute } from '../../routes';
import type { AccessRule } from '../../session/session';

const OrganisationPage = lazy(() => import('./organisation'));
const MembersPage = lazy(() => import('./members'));
const FilieresPage = lazy(() => import('./filieres'));
const SubcontractingPage = lazy(() => import('./subcontracting'));

/** The organisation's admin, whatever its kinds (the API checks the same role). */
const ADMIN: AccessRule = { roles: ['ORG_ADMIN'] };

export const adminRoutes: ConsoleRoute[] = [
  {
    path: '/organisation',
    element: <OrganisationPage />,
    access: ADMIN,
    nav: { section: 'admin', label: t.admin.nav.organisation },
  },
  {
    path: '/organisation/membres',
    element: <MembersPage />,
    access: ADMIN,
    nav: { section: 'admin', label: t.admin.nav.members },
  },
  {
    path: '/organisation/filieres',
    element: <FilieresPage />,
    access: ADMIN,
    nav: { section: 'admin', label: t.admin.nav.filieres },
  },
  {
    path: '/organisation/sous-traitance',
    element: <SubcontractingPage />,
    access: ADMIN,
    nav: { section: 'admin', label: t.admin.nav.subcontracting },
  },
];
