import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  BadInputError,
  ConflictError,
  NotFoundError,
  RequestContext,
  audit,
  notificationEvent,
  recordEvents,
} from '@masks/core';
import { equipmentFollowersOf, placedOrganisation } from '@masks/organisations';
import { decideReceipt, normaliseSerial, sees } from './domain/equipment.rules';
import {
  ReceiptOutcome,
  ShipmentAction,
  ShipmentStatus,
  UnitStatus,
  unitStatusOf,
} from './domain/shipment.states';
import { unitTimeline, type TimelineFacts, type UnitEvent } from './domain/unit-timeline';
import { EquipmentAllocation, EquipmentKind } from './equipment.entity';
import { EquipmentShipment, EquipmentUnit, SerialCorrection } from './shipment.entity';
import { EquipmentAccess } from './equipment-access';
import { ShipmentsService } from './shipments.service';
import { equipmentNotices } from './notification-templates';
import type { AcknowledgeEquipmentInput } from './dto/equipment.inputs';

const PG_UNIQUE_VIOLATION = '23505';
const RECEIPT_PROBLEMS_IN_CONFLICT = new Set(['ALREADY_ACKNOWLEDGED', 'DUPLICATE_SERIAL']);

/** Units an establishment has in hand, whose serial number it may correct. */
const IN_HAND: readonly UnitStatus[] = [UnitStatus.HELD, UnitStatus.DAMAGED];

/** The establishment's side: acknowledging deliveries unit by unit, correcting serial numbers. */
@Injectable()
export class ReceiptsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: EquipmentAccess,
    private readonly shipments: ShipmentsService,
  ) {}

  /**
   * The establishment says of each unit received, damaged or missing, correcting serial numbers as it
   * reads them. The shipment stays locked throughout, so a unit is acknowledged once; everything is
   * decided before anything is written, and a refusal writes nothing. The agency and the ministry are
   * told through the outbox (one notification each, stored in their inbox by the idempotent job).
   */
  async acknowledge(ctx: RequestContext, input: AcknowledgeEquipmentInput): Promise<EquipmentShipment> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const scope = await this.access.scope(ctx, manager);
        const shipment = await this.shipments.lockVisible(manager, scope, input.shipmentId);
        const kind = await manager.findOneByOrFail(EquipmentKind, { id: shipment.kindId });
        const lines: { unit_id: string; serial_number: string | null; outcome: string | null }[] =
          await manager.query(
            `SELECT su.unit_id, u.serial_number, su.outcome FROM equipment_shipment_unit su
             JOIN equipment_unit u ON u.id = su.unit_id WHERE su.shipment_id = $1`,
            [shipment.id],
          );
        const decision = decideReceipt(
          kind.serialised,
          lines.map((line) => ({
            id: line.unit_id,
            serialNumber: line.serial_number,
            acknowledged: line.outcome !== null,
          })),
          input.units,
        );
        if (!decision.ok) {
          const details = { field: 'units', problem: decision.problem, unitId: decision.unitId };
          throw RECEIPT_PROBLEMS_IN_CONFLICT.has(decision.problem)
            ? new ConflictError(decision.reason, details)
            : new BadInputError(decision.reason, details);
        }
        const action = decision.complete ? ShipmentAction.ACKNOWLEDGE_ALL : ShipmentAction.ACKNOWLEDGE_PART;
        await this.shipments.apply(manager, ctx, scope, shipment, action);
        await this.shipments.refuseSerialsInUse(
          manager,
          kind.id,
          decision.corrections.map((correction) => correction.to),
          decision.corrections.map((correction) => correction.unitId),
        );
        const corrected = new Map(
          decision.corrections.map((correction) => [correction.unitId, correction.to]),
        );
        await manager.query(
          `UPDATE equipment_unit u SET status = v.status, serial_number = COALESCE(v.serial, u.serial_number), updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, status, serial) WHERE u.id = v.id`,
          [
            input.units.map((ack) => ack.unitId),
            input.units.map((ack) => unitStatusOf(ack.outcome)),
            input.units.map((ack) => corrected.get(ack.unitId) ?? null),
          ],
        );
        await manager.query(
          `UPDATE equipment_shipment_unit su SET outcome = v.outcome, acknowledged_at = now(), acknowledged_by_user_id = $4
           FROM unnest($2::uuid[], $3::text[]) AS v(unit_id, outcome)
           WHERE su.shipment_id = $1 AND su.unit_id = v.unit_id`,
          [
            shipment.id,
            input.units.map((ack) => ack.unitId),
            input.units.map((ack) => ack.outcome),
            ctx.userId ?? null,
          ],
        );
        if (decision.corrections.length) {
          await manager.insert(
            SerialCorrection,
            decision.corrections.map((correction) => ({
              unitId: correction.unitId,
              previousSerialNumber: correction.from,
              serialNumber: correction.to,
              shipmentId: shipment.id,
              correctedByUserId: ctx.userId ?? null,
              correctedByOrganisationId: ctx.organisationId,
            })),
          );
        }
        await audit(manager, ctx, {
          action: 'equipment.receipt_acknowledged',
          entityType: 'equipment_shipment',
          entityId: shipment.id,
          organisationId: shipment.establishmentId,
          after: { units: input.units, corrections: decision.corrections },
        });
        const establishment = await placedOrganisation(manager, shipment.establishmentId);
        const tally = (outcome: ReceiptOutcome) =>
          input.units.filter((ack) => ack.outcome === outcome).length;
        const notice = equipmentNotices.acknowledged({
          shipmentId: shipment.id,
          establishmentName: establishment?.name ?? shipment.establishmentId,
          finess: establishment?.finess ?? null,
          kindName: kind.name,
          received: tally(ReceiptOutcome.RECEIVED),
          damaged: tally(ReceiptOutcome.DAMAGED),
          missing: tally(ReceiptOutcome.MISSING),
          corrected: decision.corrections.length,
          complete: decision.complete,
        });
        const followers = await equipmentFollowersOf(manager, shipment.regionCode);
        await recordEvents(
          manager,
          followers.map((recipient) => notificationEvent({ recipient, ...notice })),
        );
        return shipment;
      });
    } catch (error) {
      throw serialTaken(error);
    }
  }

  /**
   * The establishment holding a unit corrects its serial number (absent from, or different in, what
   * was shipped). The number as shipped stays on the unit; each correction is kept with who and when.
   */
  async correctSerial(ctx: RequestContext, unitId: string, serialInput: string): Promise<EquipmentUnit> {
    const serial = normaliseSerial(serialInput);
    if (!serial)
      throw new BadInputError('Give the serial number read on the device', { field: 'serialNumber' });
    try {
      return await this.dataSource.transaction(async (manager) => {
        const scope = await this.access.scope(ctx, manager);
        const unit = await manager.findOne(EquipmentUnit, {
          where: { id: unitId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!unit || !sees(scope, unit)) throw new NotFoundError('Equipment unit', unitId);
        if (!IN_HAND.includes(unit.status)) {
          throw new ConflictError(
            'Only a unit received by the establishment can have its serial number corrected',
            {
              status: unit.status,
            },
          );
        }
        const kind = await manager.findOneByOrFail(EquipmentKind, { id: unit.kindId });
        if (!kind.serialised) {
          throw new BadInputError(`${kind.name} units carry no serial number`, { field: 'serialNumber' });
        }
        if (serial === unit.serialNumber) {
          throw new BadInputError('This is already the unit’s serial number', { field: 'serialNumber' });
        }
        await this.shipments.refuseSerialsInUse(manager, kind.id, [serial], [unit.id]);
        const previous = unit.serialNumber;
        unit.serialNumber = serial;
        const saved = await manager.save(unit);
        await manager.insert(SerialCorrection, {
          unitId: unit.id,
          previousSerialNumber: previous,
          serialNumber: serial,
          shipmentId: null,
          correctedByUserId: ctx.userId ?? null,
          correctedByOrganisationId: ctx.organisationId,
        });
        await audit(manager, ctx, {
          action: 'equipment.serial_corrected',
          entityType: 'equipment_unit',
          entityId: unit.id,
          organisationId: unit.establishmentId,
          before: { serialNumber: previous },
          after: { serialNumber: serial },
        });
        return saved;
      });
    } catch (error) {
      throw serialTaken(error);
    }
  }

  async visibleUnit(ctx: RequestContext, id: string): Promise<EquipmentUnit> {
    const scope = await this.access.scope(ctx);
    const unit = await this.dataSource.manager.findOneBy(EquipmentUnit, { id });
    if (!unit || !sees(scope, unit)) throw new NotFoundError('Equipment unit', id);
    return unit;
  }

  /** The unit's history in one timeline (its allocation, every shipment and receipt, corrections). */
  async timeline(unit: EquipmentUnit): Promise<UnitEvent[]> {
    const manager = this.dataSource.manager;
    const allocation = await manager.findOneByOrFail(EquipmentAllocation, { id: unit.allocationId });
    const shipments: TimelineFacts['shipments'] = await manager.query(
      `SELECT s.id, s.created_at AS "createdAt", s.dispatched_at AS "dispatchedAt", s.establishment_id AS "establishmentId",
              s.origin_establishment_id AS "originEstablishmentId", su.outcome, su.acknowledged_at AS "acknowledgedAt"
       FROM equipment_shipment_unit su JOIN equipment_shipment s ON s.id = su.shipment_id
       WHERE su.unit_id = $1 AND s.status <> $2`,
      [unit.id, ShipmentStatus.CANCELLED],
    );
    return unitTimeline({ allocation, shipments, corrections: await this.corrections(unit.id) });
  }

  /** Oldest first: the number as shipped, then each correction. */
  corrections(unitId: string): Promise<SerialCorrection[]> {
    return this.dataSource.manager.find(SerialCorrection, {
      where: { unitId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
}

/** Another unit of the kind took the number between the check and the write: the unique index decides. */
function serialTaken(error: unknown): unknown {
  if ((error as { driverError?: { code?: string } }).driverError?.code === PG_UNIQUE_VIOLATION) {
    return new ConflictError('This serial number is already used by another unit of this kind', {
      field: 'serialNumber',
    });
  }
  return error;
}
