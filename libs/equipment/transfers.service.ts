import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RequestContext,
  Role,
  audit,
  notificationEvent,
  recordEvents,
} from '@masks/core';
import {
  checkFiness,
  emailsWithRoles,
  equipmentFollowersOf,
  establishmentByFiness,
} from '@masks/organisations';
import { decideTransfer, sees, type TransferableUnit } from './domain/equipment.rules';
import { EquipmentActor, ShipmentStatus, UnitStatus } from './domain/shipment.states';
import { EquipmentKind } from './equipment.entity';
import { EquipmentShipment, EquipmentShipmentUnit } from './shipment.entity';
import { EquipmentAccess } from './equipment-access';
import { equipmentNotices } from './notification-templates';
import type { TransferEquipmentInput } from './dto/equipment.inputs';

/** Units an establishment has in hand: the only ones a transfer takes. */
const TRANSFERABLE: readonly UnitStatus[] = [UnitStatus.HELD, UnitStatus.DAMAGED];

/**
 * Transfers between establishments (e.g. for a second wave): the ministry anywhere, an agency from its
 * own region to any establishment, in its region or another. A transfer is a shipment that leaves at
 * once, received by the destination like any delivery (its own receipt).
 */
@Injectable()
export class TransfersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: EquipmentAccess,
  ) {}

  /**
   * The units are locked in id order before they are checked: of two transfers of the same unit at
   * once, the second waits, then finds it in transit and is refused; no deadlock between transfers.
   */
  async transfer(ctx: RequestContext, input: TransferEquipmentInput): Promise<EquipmentShipment> {
    const finess = checkFiness(input.toFiness);
    if (!finess.valid) throw new BadInputError(finess.reason, { field: 'toFiness' });
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.access.scope(ctx, manager);
      if (scope.actor === EquipmentActor.ESTABLISHMENT)
        throw new ForbiddenError('Agencies and the ministry transfer');
      const destination = await establishmentByFiness(manager, finess.finess);
      if (!destination) throw new NotFoundError('Health establishment with FINESS', finess.finess);
      const units: TransferableUnit[] = await manager.query(
        `SELECT id, kind_id AS "kindId", status, establishment_id AS "establishmentId", region_code AS "regionCode"
         FROM equipment_unit WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
        [input.unitIds],
      );
      const unseen = input.unitIds.find((id) => {
        const unit = units.find((candidate) => candidate.id === id);
        return !unit || !sees(scope, unit);
      });
      if (unseen) throw new NotFoundError('Equipment unit', unseen);
      const decision = decideTransfer(units, TRANSFERABLE, destination.id);
      if (!decision.ok) {
        const details = { field: 'unitIds', problem: decision.problem, unitId: decision.unitId };
        throw decision.problem === 'NOT_HELD'
          ? new ConflictError(decision.reason, details)
          : new BadInputError(decision.reason, details);
      }
      const now = new Date();
      const shipment = await manager.save(
        manager.create(EquipmentShipment, {
          allocationId: null,
          kindId: decision.kindId,
          originEstablishmentId: decision.origin.establishmentId,
          originRegionCode: decision.origin.regionCode,
          establishmentId: destination.id,
          departmentCode: destination.departmentCode,
          regionCode: destination.regionCode,
          status: ShipmentStatus.IN_TRANSIT,
          carrier: input.carrier.trim(),
          expectedAt: input.expectedAt ?? null,
          dispatchedAt: now,
          receivedAt: null,
          createdByOrganisationId: ctx.organisationId,
        }),
      );
      await manager.query(
        `UPDATE equipment_unit SET status = $2, shipment_id = $3, establishment_id = $4, department_code = $5,
           region_code = $6, updated_at = now()
         WHERE id = ANY($1::uuid[])`,
        [
          input.unitIds,
          UnitStatus.IN_TRANSIT,
          shipment.id,
          destination.id,
          destination.departmentCode,
          destination.regionCode,
        ],
      );
      await manager.insert(
        EquipmentShipmentUnit,
        input.unitIds.map((unitId) => ({ shipmentId: shipment.id, unitId })),
      );
      await audit(manager, ctx, {
        action: 'equipment.transferred',
        entityType: 'equipment_shipment',
        entityId: shipment.id,
        organisationId: destination.id,
        after: { from: decision.origin.establishmentId, to: destination.id, unitIds: input.unitIds },
      });
      const kind = await manager.findOneByOrFail(EquipmentKind, { id: decision.kindId });
      const notice = equipmentNotices.dispatched(
        { id: shipment.id, carrier: shipment.carrier, units: input.unitIds.length, kindName: kind.name },
        shipment.expectedAt,
      );
      // The receiving establishment, both regions' agencies and the ministry are told.
      const recipients = new Set([
        ...(await emailsWithRoles(manager, [Role.EQUIPMENT_MANAGER], destination.id)),
        ...(await equipmentFollowersOf(manager, destination.regionCode)),
        ...(await equipmentFollowersOf(manager, decision.origin.regionCode)),
      ]);
      await recordEvents(
        manager,
        [...recipients].map((recipient) => notificationEvent({ recipient, ...notice })),
      );
      return shipment;
    });
  }
}
