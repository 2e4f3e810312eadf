import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ForbiddenError, RequestContext } from '@masks/core';
import { OrganisationKind, placedOrganisation } from '@masks/organisations';
import { scopeOf, type EquipmentScope } from './domain/equipment.rules';
import { EquipmentActor } from './domain/shipment.states';

/**
 * The caller's equipment scope, from its organisation's kinds and region. The resolvers' @Allow
 * already let through only these kinds; this says how far the caller reaches.
 */
@Injectable()
export class EquipmentAccess {
  constructor(private readonly dataSource: DataSource) {}

  async scope(
    ctx: RequestContext,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<EquipmentScope> {
    const organisation = await placedOrganisation(manager, ctx.organisationId);
    const scope =
      organisation &&
      scopeOf({
        isMinistry: ctx.isDge && organisation.kinds.includes(OrganisationKind.AUTHORITY),
        isAgency: organisation.kinds.includes(OrganisationKind.REGIONAL_HEALTH_AGENCY),
        isEstablishment: organisation.kinds.includes(OrganisationKind.HEALTH_ESTABLISHMENT),
        organisationId: organisation.id,
        regionCode: organisation.regionCode,
      });
    if (!scope)
      throw new ForbiddenError('The State’s equipment concerns establishments, agencies and the ministry');
    return scope;
  }
}

/**
 * The SQL condition restricting rows (alias `alias`, with establishment_id and region_code columns)
 * to the caller's scope; its one parameter is named `:scope`.
 */
export function scopeCondition(
  scope: EquipmentScope,
  alias: string,
): { sql: string; params: Record<string, unknown> } {
  switch (scope.actor) {
    case EquipmentActor.MINISTRY:
      return { sql: 'TRUE', params: {} };
    case EquipmentActor.AGENCY:
      return { sql: `${alias}.region_code = :scope`, params: { scope: scope.regionCode } };
    case EquipmentActor.ESTABLISHMENT:
      return { sql: `${alias}.establishment_id = :scope`, params: { scope: scope.establishmentId } };
  }
}

/** scopeCondition for shipments (alias `alias`): a transfer is also its origin's to see. */
export function shipmentScopeCondition(
  scope: EquipmentScope,
  alias: string,
): { sql: string; params: Record<string, unknown> } {
  switch (scope.actor) {
    case EquipmentActor.MINISTRY:
      return { sql: 'TRUE', params: {} };
    case EquipmentActor.AGENCY:
      return {
        sql: `(${alias}.region_code = :scope OR ${alias}.origin_region_code = :scope)`,
        params: { scope: scope.regionCode },
      };
    case EquipmentActor.ESTABLISHMENT:
      return {
        sql: `(${alias}.establishment_id = :scope OR ${alias}.origin_establishment_id = :scope)`,
        params: { scope: scope.establishmentId },
      };
  }
}
