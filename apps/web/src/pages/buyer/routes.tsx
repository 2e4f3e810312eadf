import { lazy } from 'react';
import { t } from '../../i18n';
import type { ConsoleRoute } from '../../routes';
import { BUYER_ACTS, BUYER_READS } from './access';

const OffersPage = lazy(() => import('./offers'));
const NeedsPage = lazy(() => import('./needs'));
const NeedPage = lazy(() => import('./need'));
const OrdersListPage = lazy(() => import('../orders/orders-list'));
const OrderPage = lazy(() => import('../orders/order-page'));

export const buyerRoutes: ConsoleRoute[] = [
  {
    path: '/achats/offres',
    element: <OffersPage />,
    access: BUYER_READS,
    nav: { section: 'buyer', label: t.buyer.nav.offers },
  },
  {
    path: '/achats/besoins',
    element: <NeedsPage />,
    access: BUYER_ACTS,
    nav: { section: 'buyer', label: t.buyer.nav.needs },
  },
  { path: '/achats/besoins/:id', element: <NeedPage />, access: BUYER_ACTS },
  {
    path: '/achats/commandes',
    element: <OrdersListPage side="buying" />,
    access: BUYER_READS,
    nav: { section: 'buyer', label: t.buyer.nav.orders },
  },
  { path: '/achats/commandes/:id', element: <OrderPage side="buying" />, access: BUYER_READS },
];
