import { lazy } from 'react';
import { t } from '../../i18n';
import type { ConsoleRoute } from '../../routes';
import { SUPPLIER_ADMIN, SUPPLIER_MANAGER, SUPPLIER_MANAGER_OR_ADMIN } from './access';

const ProductsPage = lazy(() => import('./products'));
const ProductCertificationPage = lazy(() => import('./product-certification'));
const OffersPage = lazy(() => import('./offers'));
const OfferStockPage = lazy(() => import('./offer-stock'));
const ApiKeysPage = lazy(() => import('./api-keys'));
const BankDetailsPage = lazy(() => import('./bank-details'));
const ErpImportPage = lazy(() => import('./erp-import'));

const nav = t.supplier.nav;

export const supplierRoutes: ConsoleRoute[] = [
  {
    path: '/ventes/produits',
    element: <ProductsPage />,
    access: SUPPLIER_MANAGER,
    nav: { section: 'supplier', label: nav.products },
  },
  { path: '/ventes/produits/:id', element: <ProductCertificationPage />, access: SUPPLIER_MANAGER },
  {
    path: '/ventes/offres',
    element: <OffersPage />,
    access: SUPPLIER_MANAGER,
    nav: { section: 'supplier', label: nav.offers },
  },
  { path: '/ventes/offres/:id', element: <OfferStockPage />, access: SUPPLIER_MANAGER },
  {
    path: '/ventes/import-erp',
    element: <ErpImportPage />,
    access: SUPPLIER_MANAGER,
    nav: { section: 'supplier', label: nav.erpImport },
  },
  {
    path: '/ventes/cles-api',
    element: <ApiKeysPage />,
    access: SUPPLIER_ADMIN,
    nav: { section: 'supplier', label: nav.apiKeys },
  },
  {
    path: '/ventes/coordonnees-bancaires',
    element: <BankDetailsPage />,
    access: SUPPLIER_MANAGER_OR_ADMIN,
    nav: { section: 'supplier', label: nav.bankDetails },
  },
];
