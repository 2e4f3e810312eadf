import { lazy } from 'react';
import { t } from '../../i18n';
import type { ConsoleRoute } from '../../routes';
import { SUPPLIER_READS } from './access';

const OrdersListPage = lazy(() => import('./orders-list'));
const OrderPage = lazy(() => import('./order-page'));

/** The supplier's incoming orders (the buyer's side of the same pages is in ../buyer/routes.tsx). */
export const ordersRoutes: ConsoleRoute[] = [
  {
    path: '/ventes/commandes',
    element: <OrdersListPage side="selling" />,
    access: SUPPLIER_READS,
    nav: { section: 'supplier', label: t.orders.nav.incoming },
  },
  { path: '/ventes/commandes/:id', element: <OrderPage side="selling" />, access: SUPPLIER_READS },
];
