import { coreEntities } from '@masks/core';
import { organisationEntities } from '@masks/organisations';

/** Every entity of every lib: the schema the migrations must match (checked by `npm run migration:check`). */
export const ALL_ENTITIES = [...coreEntities, ...organisationEntities];
