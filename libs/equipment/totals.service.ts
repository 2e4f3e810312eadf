import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RequestContext } from '@masks/core';
import { placedOrganisations } from '@masks/organisations';
import { EquipmentActor, ReceiptOutcome, ShipmentStatus } from './domain/shipment.states';
import { EquipmentAccess } from './equipment-access';
import { EquipmentTotal, EquipmentTotalsBy } from './models/equipment-total.model';

/** The grouping column of an allocation (alias a) for each kind of total. */
const KEY: Record<EquipmentTotalsBy, string> = {
  [EquipmentTotalsBy.ESTABLISHMENT]: 'a.establishment_id::text',
  [EquipmentTotalsBy.DEPARTMENT]: 'a.department_code',
  [EquipmentTotalsBy.REGION]: 'a.region_code',
  [EquipmentTotalsBy.KIND]: 'k.code',
};

/**
 * Totals of what the State allocated and what became of it, counted per allocation's establishment
 * (transfers afterwards do not move an allocation's figures). One query, in SQL, over the caller's scope.
 */
@Injectable()
export class TotalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: EquipmentAccess,
  ) {}

  async totals(ctx: RequestContext, by: EquipmentTotalsBy, programmeId?: string): Promise<EquipmentTotal[]> {
    const scope = await this.access.scope(ctx);
    const scopeValue =
      scope.actor === EquipmentActor.AGENCY
        ? scope.regionCode
        : scope.actor === EquipmentActor.ESTABLISHMENT
          ? scope.establishmentId
          : null;
    const scopeSql =
      scope.actor === EquipmentActor.AGENCY
        ? 'a.region_code = $1'
        : scope.actor === EquipmentActor.ESTABLISHMENT
          ? 'a.establishment_id = $1::uuid'
          : '$1::text IS NULL';
    const rows: {
      key: string;
      label: string | null;
      allocated: number;
      shipped: number;
      received: number;
      missing: number;
    }[] = await this.dataSource.query(
      `WITH allocated AS (
         SELECT ${KEY[by]} AS key, min(k.name) AS label, sum(a.quantity)::int AS allocated
         FROM equipment_allocation a JOIN equipment_kind k ON k.id = a.kind_id
         WHERE ${scopeSql} AND ($2::uuid IS NULL OR a.programme_id = $2)
         GROUP BY 1
       ), units AS (
         SELECT ${KEY[by]} AS key,
                count(*) FILTER (WHERE s.status NOT IN ($3, $4))::int AS shipped,
                count(*) FILTER (WHERE su.outcome IN ($5, $6))::int AS received,
                count(*) FILTER (WHERE su.outcome = $7)::int AS missing
         FROM equipment_shipment_unit su
         JOIN equipment_shipment s ON s.id = su.shipment_id
         JOIN equipment_allocation a ON a.id = s.allocation_id
         JOIN equipment_kind k ON k.id = a.kind_id
         WHERE ${scopeSql} AND ($2::uuid IS NULL OR a.programme_id = $2)
         GROUP BY 1
       )
       SELECT al.key, al.label, al.allocated, coalesce(u.shipped, 0) AS shipped,
              coalesce(u.received, 0) AS received, coalesce(u.missing, 0) AS missing
       FROM allocated al LEFT JOIN units u ON u.key = al.key
       ORDER BY al.key`,
      [
        scopeValue,
        programmeId ?? null,
        ShipmentStatus.PREPARED,
        ShipmentStatus.CANCELLED,
        ReceiptOutcome.RECEIVED,
        ReceiptOutcome.DAMAGED,
        ReceiptOutcome.MISSING,
      ],
    );
    const names =
      by === EquipmentTotalsBy.ESTABLISHMENT
        ? new Map(
            (
              await placedOrganisations(
                this.dataSource.manager,
                rows.map((row) => row.key),
              )
            ).map((o) => [o.id, o.name]),
          )
        : new Map<string, string>();
    return rows.map((row) => ({
      key: row.key,
      label:
        by === EquipmentTotalsBy.KIND
          ? (row.label ?? row.key)
          : by === EquipmentTotalsBy.ESTABLISHMENT
            ? (names.get(row.key) ?? row.key)
            : row.key,
      allocated: row.allocated,
      shipped: row.shipped,
      received: row.received,
      missing: row.missing,
      outstanding: row.allocated - row.received - row.missing,
    }));
  }
}
