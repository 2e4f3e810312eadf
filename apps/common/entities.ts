import { coreEntities } from '@masks/core';
import { organisationEntities } from '@masks/organisations';
import { catalogEntities } from '@masks/catalog';
import { certificationEntities } from '@masks/certification';
import { orderEntities } from '@masks/orders';
import { paymentEntities } from '@masks/payments';
import { matchingEntities } from '@masks/matching';
import { quotaEntities } from '@masks/quotas';
import { clickCollectEntities } from '@masks/click-collect';
import { equipmentEntities } from '@masks/equipment';

/** Every entity of every lib: the schema the migrations must match (checked by `npm run migration:check`). */
export const ALL_ENTITIES = [
  ...coreEntities,
  ...organisationEntities,
  ...catalogEntities,
  ...certificationEntities,
  ...orderEntities,
  ...paymentEntities,
  ...matchingEntities,
  ...quotaEntities,
  ...clickCollectEntities,
  ...equipmentEntities,
];
