import { lazy, type ReactNode } from 'react';
import { t } from '../../i18n';
import type { ConsoleRoute } from '../../routes';
import { DGE_OFFICER } from './access';

const CertificationQueuePage = lazy(() => import('./certifications'));
const CertificationPage = lazy(() => import('./certification'));
const MonitoringPage = lazy(() => import('./monitoring'));
const ShortagePage = lazy(() => import('./shortage'));
const MatchingPage = lazy(() => import('./matching'));
const AuditLogPage = lazy(() => import('./audit-log'));

const nav = t.dge.nav;
const page = (path: string, element: ReactNode, label?: string): ConsoleRoute => ({
  path,
  element,
  access: DGE_OFFICER,
  ...(label ? { nav: { section: 'dge' as const, label } } : {}),
});

export const dgeRoutes: ConsoleRoute[] = [
  page('/dge/certifications', <CertificationQueuePage />, nav.queue),
  page('/dge/certifications/:id', <CertificationPage />),
  page('/dge/suivi', <MonitoringPage />, nav.monitoring),
  page('/dge/penuries', <ShortagePage />, nav.shortage),
  page('/dge/appariement', <MatchingPage />, nav.matching),
  page('/dge/journal', <AuditLogPage />, nav.auditLog),
];
