import type { EntityManager } from 'typeorm';
import { Role } from '@masks/core';
import { emailsWithRoles } from '@masks/organisations';

/** Who answers for a supplier's certifications: its administrators and supplier managers. */
export const supplierRecipients = (manager: EntityManager, supplierId: string): Promise<string[]> =>
  emailsWithRoles(manager, [Role.ORG_ADMIN, Role.SUPPLIER_MANAGER], supplierId);

/** The DGE officers, who decide on evidence. */
export const dgeRecipients = (manager: EntityManager): Promise<string[]> =>
  emailsWithRoles(manager, [Role.DGE_OFFICER]);
