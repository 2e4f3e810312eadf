import type { ConsoleRoute } from '../../routes';

export const dgeRoutes: ConsoleRoute[] = [];
