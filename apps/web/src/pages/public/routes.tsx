import { lazy } from 'react';
import { t } from '../../i18n';
import type { ConsoleRoute } from '../../routes';
import { HomePage } from './home';
import { LoginPage } from './login';

const CertifiedSuppliersPage = lazy(() => import('./certified-suppliers'));
const SignUpPage = lazy(() => import('./sign-up'));
const AcceptInvitationPage = lazy(() => import('./accept-invitation'));

export const publicRoutes: ConsoleRoute[] = [
  { path: '/', element: <HomePage />, nav: { section: 'public', label: t.common.nav.home } },
  {
    path: '/fournisseurs-certifies',
    element: <CertifiedSuppliersPage />,
    nav: { section: 'public', label: t.common.nav.certifiedSuppliers },
  },
  { path: '/connexion', element: <LoginPage /> },
  { path: '/inscription', element: <SignUpPage /> },
  // The invitation e-mail links here (libs/organisations/members.service.ts), the token after #jeton=.
  { path: '/invitation', element: <AcceptInvitationPage /> },
];
