import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ReceiptOutcome, ShipmentStatus, UnitStatus } from './domain/shipment.states';

registerEnumType(ShipmentStatus, { name: 'EquipmentShipmentStatus' });
registerEnumType(UnitStatus, { name: 'EquipmentUnitStatus' });
registerEnumType(ReceiptOutcome, { name: 'EquipmentReceiptOutcome' });

/** A delivery ("expédition") of units of one allocation to its establishment. */
@ObjectType()
@Entity('equipment_shipment')
@Index('equipment_shipment_establishment_idx', ['establishmentId', 'createdAt'])
@Index('equipment_shipment_region_idx', ['regionCode', 'createdAt'])
@Index('equipment_shipment_allocation_idx', ['allocationId'])
@Index('equipment_shipment_origin_idx', ['originEstablishmentId', 'createdAt'], {
  where: 'origin_establishment_id IS NOT NULL',
})
@Index('equipment_shipment_origin_region_idx', ['originRegionCode', 'createdAt'], {
  where: 'origin_region_code IS NOT NULL',
})
export class EquipmentShipment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { nullable: true, description: 'The allocation it delivers; null for a transfer' })
  @Column({ type: 'uuid', nullable: true })
  allocationId: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  kindId: string;

  @Field(() => ID, { nullable: true, description: 'For a transfer: the establishment the units leave' })
  @Column({ type: 'uuid', nullable: true })
  originEstablishmentId: string | null;

  @Field(() => String, { nullable: true, description: 'For a transfer: the region the units leave' })
  @Column({ type: 'text', nullable: true })
  originRegionCode: string | null;

  @Field(() => ID, { description: 'The establishment it goes to' })
  @Column({ type: 'uuid' })
  establishmentId: string;

  @Field()
  @Column({ type: 'text' })
  departmentCode: string;

  @Field()
  @Column({ type: 'text' })
  regionCode: string;

  @Field(() => ShipmentStatus)
  @Column({ type: 'text' })
  status: ShipmentStatus;

  @Field()
  @Column({ type: 'text' })
  carrier: string;

  @Field(() => Date, { nullable: true, description: 'When the carrier expects to deliver' })
  @Column({ type: 'timestamptz', nullable: true })
  expectedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When its last unit was acknowledged' })
  @Column({ type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  createdByOrganisationId: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** One device (or one untracked unit) of a kind. Its serial number is unique within the kind. */
@ObjectType()
@Entity('equipment_unit')
@Index('equipment_unit_serial_key', ['kindId', 'serialNumber'], {
  unique: true,
  where: `serial_number IS NOT NULL AND status <> 'WITHDRAWN'`,
})
@Index('equipment_unit_establishment_idx', ['establishmentId', 'id'])
@Index('equipment_unit_shipment_idx', ['shipmentId'])
export class EquipmentUnit {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  kindId: string;

  @Field(() => ID, { description: 'The allocation that first brought it' })
  @Column({ type: 'uuid' })
  allocationId: string;

  @Field(() => String, { nullable: true, description: 'The serial number now known (corrected if it was)' })
  @Column({ type: 'text', nullable: true })
  serialNumber: string | null;

  @Field(() => String, { nullable: true, description: 'The serial number as shipped, before any correction' })
  @Column({ type: 'text', nullable: true })
  shippedSerialNumber: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  lot: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  model: string | null;

  @Field(() => UnitStatus)
  @Column({ type: 'text' })
  status: UnitStatus;

  @Field(() => ID, { description: 'The shipment that last carried it' })
  @Column({ type: 'uuid' })
  shipmentId: string;

  @Field(() => ID, { description: 'The establishment it is going to, or that holds it' })
  @Column({ type: 'uuid' })
  establishmentId: string;

  @Field()
  @Column({ type: 'text' })
  departmentCode: string;

  @Field()
  @Column({ type: 'text' })
  regionCode: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A unit in a shipment, and what the establishment said of it on receipt. */
@ObjectType()
@Entity('equipment_shipment_unit')
@Index('equipment_shipment_unit_unit_idx', ['unitId'])
export class EquipmentShipmentUnit {
  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  shipmentId: string;

  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  unitId: string;

  @Field(() => ReceiptOutcome, {
    nullable: true,
    description: 'null until the establishment acknowledges it',
  })
  @Column({ type: 'text', nullable: true })
  outcome: ReceiptOutcome | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedByUserId: string | null;
}

/** A serial number corrected by the establishment: who, when, from what. Append-only. */
@ObjectType()
@Entity('equipment_serial_correction')
@Index('equipment_serial_correction_unit_idx', ['unitId', 'createdAt'])
export class SerialCorrection {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  unitId: string;

  @Field(() => String, { nullable: true, description: 'The serial number before (null when there was none)' })
  @Column({ type: 'text', nullable: true })
  previousSerialNumber: string | null;

  @Field()
  @Column({ type: 'text' })
  serialNumber: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The shipment being acknowledged, when corrected on receipt',
  })
  @Column({ type: 'uuid', nullable: true })
  shipmentId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  correctedByUserId: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  correctedByOrganisationId: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
