import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RequestContext,
  Role,
  audit,
  notificationEvent,
  paginate,
  recordEvents,
  type Connection,
} from '@masks/core';
import { emailsWithRoles } from '@masks/organisations';
import { checkShipmentUnits, sends, sees, seesShipment, type EquipmentScope } from './domain/equipment.rules';
import { decideShipment, ShipmentAction, ShipmentStatus, UnitStatus } from './domain/shipment.states';
import { EquipmentAllocation, EquipmentKind } from './equipment.entity';
import { EquipmentShipment, EquipmentShipmentUnit, EquipmentUnit } from './shipment.entity';
import { EquipmentAccess, shipmentScopeCondition } from './equipment-access';
import { equipmentNotices } from './notification-templates';
import type { ShipmentLine } from './models/shipment-line.model';
import type { EquipmentShipmentInput, EquipmentShipmentsArgs } from './dto/equipment.inputs';

const PG_UNIQUE_VIOLATION = '23505';

/** Shipments of allocated units: their creation, their moves (state table), and the views of them. */
@Injectable()
export class ShipmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: EquipmentAccess,
  ) {}

  /**
   * The ministry or the establishment's agency lists the units of a shipment of an allocation. The
   * allocation's count of shipped units goes up in one conditional statement, so two shipments at once
   * never exceed it; a serial number another unit of the kind carries is refused.
   */
  async create(ctx: RequestContext, input: EquipmentShipmentInput): Promise<EquipmentShipment> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const scope = await this.access.scope(ctx, manager);
        const allocation = await manager.findOneBy(EquipmentAllocation, { id: input.allocationId });
        if (!allocation || !sends(scope, allocation))
          throw new NotFoundError('Equipment allocation', input.allocationId);
        const kind = await manager.findOneByOrFail(EquipmentKind, { id: allocation.kindId });
        const checked = checkShipmentUnits(kind, input.units, allocation.quantity - allocation.shipped);
        if (!checked.ok) {
          const details = { field: 'units', problem: checked.problem, index: checked.index };
          throw checked.problem === 'EXCEEDS_ALLOCATION'
            ? new ConflictError(checked.reason, details)
            : new BadInputError(checked.reason, details);
        }
        await this.refuseSerialsInUse(
          manager,
          kind.id,
          checked.units.flatMap((unit) => (unit.serialNumber ? [unit.serialNumber] : [])),
        );
        const [, taken]: [unknown, number] = await manager.query(
          `UPDATE equipment_allocation SET shipped = shipped + $2 WHERE id = $1 AND quantity - shipped >= $2`,
          [allocation.id, checked.units.length],
        );
        if (taken !== 1) {
          throw new ConflictError('Another shipment took what was left of this allocation', {
            field: 'units',
          });
        }
        const shipment = await manager.save(
          manager.create(EquipmentShipment, {
            allocationId: allocation.id,
            kindId: kind.id,
            establishmentId: allocation.establishmentId,
            departmentCode: allocation.departmentCode,
            regionCode: allocation.regionCode,
            status: ShipmentStatus.PREPARED,
            carrier: input.carrier.trim(),
            expectedAt: input.expectedAt ?? null,
            dispatchedAt: null,
            receivedAt: null,
            createdByOrganisationId: ctx.organisationId,
          }),
        );
        const inserted = await manager.insert(
          EquipmentUnit,
          checked.units.map((unit) => ({
            ...unit,
            shippedSerialNumber: unit.serialNumber,
            kindId: kind.id,
            allocationId: allocation.id,
            status: UnitStatus.PREPARED,
            shipmentId: shipment.id,
            establishmentId: allocation.establishmentId,
            departmentCode: allocation.departmentCode,
            regionCode: allocation.regionCode,
          })),
        );
        await manager.insert(
          EquipmentShipmentUnit,
          inserted.identifiers.map(({ id }) => ({ shipmentId: shipment.id, unitId: id as string })),
        );
        await audit(manager, ctx, {
          action: 'equipment.shipment_prepared',
          entityType: 'equipment_shipment',
          entityId: shipment.id,
          organisationId: allocation.establishmentId,
          after: { allocationId: allocation.id, carrier: shipment.carrier, units: checked.units },
        });
        return shipment;
      });
    } catch (error) {
      // Two shipments listing the same serial at once: the unique index decides, the second is refused.
      if ((error as { driverError?: { code?: string } }).driverError?.code === PG_UNIQUE_VIOLATION) {
        throw new ConflictError('A serial number is already used by another unit of this kind', {
          field: 'units',
        });
      }
      throw error;
    }
  }

  /** Refuses serial numbers other units of the kind carry (withdrawn units free theirs). */
  async refuseSerialsInUse(
    manager: EntityManager,
    kindId: string,
    serials: string[],
    exceptUnitIds: string[] = [],
  ) {
    if (!serials.length) return;
    const [used]: { serial_number: string }[] = await manager.query(
      `SELECT serial_number FROM equipment_unit
       WHERE kind_id = $1 AND serial_number = ANY($2::text[]) AND status <> $3 AND NOT (id = ANY($4::uuid[]))
       ORDER BY serial_number LIMIT 1`,
      [kindId, serials, UnitStatus.WITHDRAWN, exceptUnitIds],
    );
    if (used) {
      throw new ConflictError(
        `Serial number ${used.serial_number} is already used by another unit of this kind`,
        {
          field: 'serialNumber',
          serialNumber: used.serial_number,
        },
      );
    }
  }

  dispatch(ctx: RequestContext, id: string): Promise<EquipmentShipment> {
    return this.move(ctx, id, ShipmentAction.DISPATCH);
  }

  cancel(ctx: RequestContext, id: string): Promise<EquipmentShipment> {
    return this.move(ctx, id, ShipmentAction.CANCEL);
  }

  private move(ctx: RequestContext, id: string, action: ShipmentAction.DISPATCH | ShipmentAction.CANCEL) {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.access.scope(ctx, manager);
      const shipment = await this.lockVisible(manager, scope, id);
      const units = await this.apply(manager, ctx, scope, shipment, action);
      if (action === ShipmentAction.CANCEL) {
        // The cancelled units go back to what the allocation has left to ship.
        await manager.query(`UPDATE equipment_allocation SET shipped = shipped - $2 WHERE id = $1`, [
          shipment.allocationId,
          units,
        ]);
      }
      const kind = await manager.findOneByOrFail(EquipmentKind, { id: shipment.kindId });
      const notice =
        action === ShipmentAction.DISPATCH
          ? equipmentNotices.dispatched({ ...shipment, units, kindName: kind.name }, shipment.expectedAt)
          : equipmentNotices.cancelled({ ...shipment, units, kindName: kind.name });
      const recipients = await emailsWithRoles(manager, [Role.EQUIPMENT_MANAGER], shipment.establishmentId);
      await recordEvents(
        manager,
        recipients.map((recipient) => notificationEvent({ recipient, ...notice })),
      );
      return shipment;
    });
  }

  /**
   * The shipment, locked for a move, if the caller is on its destination's side (a transfer's origin
   * sees it but does not move it); another's reads as not found.
   */
  async lockVisible(manager: EntityManager, scope: EquipmentScope, id: string): Promise<EquipmentShipment> {
    const shipment = await manager.findOne(EquipmentShipment, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!shipment || !sees(scope, shipment)) throw new NotFoundError('Equipment shipment', id);
    return shipment;
  }

  /**
   * Carries out one move of the state table on a locked shipment: its status, its units' status when
   * the rule says so, the audit entry. Returns how many units the shipment carries.
   */
  async apply(
    manager: EntityManager,
    ctx: RequestContext,
    scope: EquipmentScope,
    shipment: EquipmentShipment,
    action: ShipmentAction,
  ): Promise<number> {
    const decision = decideShipment(shipment.status, action, scope.actor);
    if (!decision.ok) {
      throw decision.illegal === 'STATE'
        ? new ConflictError(decision.reason, { status: shipment.status })
        : new ForbiddenError(decision.reason);
    }
    const before = shipment.status;
    const now = new Date();
    shipment.status = decision.to;
    if (action === ShipmentAction.DISPATCH) shipment.dispatchedAt = now;
    if (decision.to === ShipmentStatus.RECEIVED) shipment.receivedAt = now;
    await manager.save(shipment);
    if (decision.rule.units) {
      await manager.query(
        `UPDATE equipment_unit SET status = $3, updated_at = now() WHERE shipment_id = $1 AND status = $2`,
        [shipment.id, decision.rule.units.from, decision.rule.units.to],
      );
    }
    await audit(manager, ctx, {
      action: `equipment.shipment_${action.toLowerCase()}`,
      entityType: 'equipment_shipment',
      entityId: shipment.id,
      organisationId: shipment.establishmentId,
      before: { status: before },
      after: { status: shipment.status },
    });
    return manager.countBy(EquipmentShipmentUnit, { shipmentId: shipment.id });
  }

  async list(ctx: RequestContext, args: EquipmentShipmentsArgs): Promise<Connection<EquipmentShipment>> {
    const scope = await this.access.scope(ctx);
    const condition = shipmentScopeCondition(scope, 's');
    const qb = this.dataSource
      .getRepository(EquipmentShipment)
      .createQueryBuilder('s')
      .where(condition.sql, condition.params);
    if (args.status) qb.andWhere('s.status = :status', { status: args.status });
    if (args.establishmentId)
      qb.andWhere('s.establishment_id = :establishmentId', { establishmentId: args.establishmentId });
    if (args.regionCode)
      qb.andWhere('s.region_code = :regionCode', { regionCode: args.regionCode.toUpperCase() });
    return paginate(
      qb,
      's.id',
      { column: 's.created_at', value: (s) => s.createdAt, direction: 'DESC' },
      args,
    );
  }

  async visible(ctx: RequestContext, id: string): Promise<EquipmentShipment> {
    const scope = await this.access.scope(ctx);
    const shipment = await this.dataSource.manager.findOneBy(EquipmentShipment, { id });
    if (!shipment || !seesShipment(scope, shipment)) throw new NotFoundError('Equipment shipment', id);
    return shipment;
  }

  /** The units a shipment carried, by serial number, with their receipt. */
  async lines(shipmentId: string): Promise<ShipmentLine[]> {
    const rows = await this.dataSource.manager.find(EquipmentShipmentUnit, { where: { shipmentId } });
    const units = await this.dataSource.manager.find(EquipmentUnit, {
      where: { id: In(rows.map((row) => row.unitId)) },
      order: { serialNumber: 'ASC', id: 'ASC' },
    });
    const receipt = new Map(rows.map((row) => [row.unitId, row]));
    return units.map((unit) => ({
      unit,
      outcome: receipt.get(unit.id)?.outcome ?? null,
      acknowledgedAt: receipt.get(unit.id)?.acknowledgedAt ?? null,
    }));
  }

  kind(ctx: RequestContext, id: string): Promise<EquipmentKind> {
    return ctx
      .loader<string, EquipmentKind>('equipment.kind', async (ids) => {
        const kinds = await this.dataSource.manager.findBy(EquipmentKind, { id: In([...ids]) });
        return ids.map(
          (kindId) => kinds.find((kind) => kind.id === kindId) ?? new NotFoundError('Equipment kind', kindId),
        );
      })
      .load(id);
  }
}
