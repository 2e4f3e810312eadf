import type { AccessRule } from '../../session/session';

/** The API's FOR_SUPPLIERS: manufacturers, importers and distributors (libs/organisations). */
const SUPPLIER_KINDS: AccessRule['kinds'] = ['MANUFACTURER', 'IMPORTER', 'DISTRIBUTOR'];

/** Catalog, certification and stock operations: @Allow([SUPPLIER_MANAGER], …, FOR_SUPPLIERS). */
export const SUPPLIER_MANAGER: AccessRule = { roles: ['SUPPLIER_MANAGER'], kinds: SUPPLIER_KINDS };
/** API keys are an organisation admin's (@Allow([ORG_ADMIN])); here, for a supplier's ERP. */
export const SUPPLIER_ADMIN: AccessRule = { roles: ['ORG_ADMIN'], kinds: SUPPLIER_KINDS };
/** Bank details: read by either, written by the admin only (the page says so). */
export const SUPPLIER_MANAGER_OR_ADMIN: AccessRule = {
  roles: ['SUPPLIER_MANAGER', 'ORG_ADMIN'],
  kinds: SUPPLIER_KINDS,
};
