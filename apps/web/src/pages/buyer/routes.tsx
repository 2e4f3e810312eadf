import type { ConsoleRoute } from '../../routes';

export const buyerRoutes: ConsoleRoute[] = [];
