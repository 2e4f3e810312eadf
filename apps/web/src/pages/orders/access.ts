import type { AccessRule } from '../../session/session';

/**
 * Mirrors the API's gates on a supplier's orders (libs/orders: `@Allow([Role.SUPPLIER_MANAGER], …,
 * FOR_SUPPLIERS)`): reading is open to the supplier's admin too, acting needs SUPPLIER_MANAGER.
 */
const SUPPLIER_KINDS: AccessRule['kinds'] = ['MANUFACTURER', 'IMPORTER', 'DISTRIBUTOR'];
export const SUPPLIER_READS: AccessRule = { roles: ['SUPPLIER_MANAGER', 'ORG_ADMIN'], kinds: SUPPLIER_KINDS };
export const SUPPLIER_ACTS: AccessRule = { roles: ['SUPPLIER_MANAGER'], kinds: SUPPLIER_KINDS };
