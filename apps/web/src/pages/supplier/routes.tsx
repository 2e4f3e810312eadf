import type { ConsoleRoute } from '../../routes';

export const supplierRoutes: ConsoleRoute[] = [];
