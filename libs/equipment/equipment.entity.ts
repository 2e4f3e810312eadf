import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { GraphQLJSON } from '@masks/core';

export enum ProgrammeStatus {
  /** The State still allocates under it. */
  OPEN = 'OPEN',
  /** No new allocation; deliveries already allocated go on. */
  CLOSED = 'CLOSED',
}
registerEnumType(ProgrammeStatus, { name: 'EquipmentProgrammeStatus' });

/** A kind of equipment the State allocates (ventilator, nutrition pump…): data, not code. */
@ObjectType()
@Entity('equipment_kind')
export class EquipmentKind {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Stable code, e.g. VENTILATOR_ICU' })
  @Column({ type: 'text', unique: true })
  code: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'e.g. "ventilation", "nutrition"' })
  @Column({ type: 'text' })
  category: string;

  @Field({ description: 'Whether each unit carries a serial number (tracked and unique per kind)' })
  @Column({ type: 'boolean' })
  serialised: boolean;

  @Field(() => GraphQLJSON, { description: 'Free attributes of the kind, a JSON object' })
  @Column({ type: 'jsonb' })
  attributes: Record<string, unknown>;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A State programme, e.g. "ventilators ordered by the State, spring 2020". */
@ObjectType()
@Entity('equipment_programme')
export class EquipmentProgramme {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text', unique: true })
  name: string;

  @Field(() => ProgrammeStatus)
  @Column({ type: 'text' })
  status: ProgrammeStatus;

  @Field({ description: 'Units become the property of the establishment holding them on this day' })
  @Column({ type: 'date' })
  handoverDate: string;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A quantity of one kind allocated to one establishment under a programme. */
@ObjectType()
@Entity('equipment_allocation')
@Index('equipment_allocation_establishment_idx', ['establishmentId', 'createdAt'])
@Index('equipment_allocation_region_idx', ['regionCode', 'createdAt'])
@Check('equipment_allocation_shipped_check', `shipped >= 0 AND shipped <= quantity`)
export class EquipmentAllocation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  programmeId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  kindId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  establishmentId: string;

  @Field()
  @Column({ type: 'text' })
  departmentCode: string;

  @Field()
  @Column({ type: 'text' })
  regionCode: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  quantity: number;

  @Field(() => Int, { description: 'Units put in shipments (cancelled shipments give theirs back)' })
  @Column({ type: 'int', default: 0 })
  shipped: number;

  @Field(() => ID, { description: 'The ministry or the agency that allocated' })
  @Column({ type: 'uuid' })
  allocatedByOrganisationId: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
