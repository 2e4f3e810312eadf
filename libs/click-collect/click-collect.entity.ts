import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { StockMovementKind } from '@masks/catalog';

export enum ClickCollectOrderStatus {
  /** Quota taken and stock set aside at the store, waiting for pickup. */
  RESERVED = 'RESERVED',
  COLLECTED = 'COLLECTED',
  /** Not collected in time: stock back to the store, quota back to the persons. */
  EXPIRED = 'EXPIRED',
}
registerEnumType(ClickCollectOrderStatus, { name: 'ClickCollectOrderStatus' });

/** A store of a retail pickup network where enrolled companies collect their orders. */
@ObjectType()
@Entity('pickup_store')
@Index('pickup_store_network_idx', ['networkId', 'departmentCode', 'name'])
export class PickupStore {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The retail network (organisation) the store belongs to' })
  @Column({ type: 'uuid' })
  networkId: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'Trading name of the store (Géant, Petit Casino, Vival…)' })
  @Column({ type: 'text' })
  banner: string;

  @Field()
  @Column({ type: 'text' })
  address: string;

  @Field()
  @Column({ type: 'text' })
  postalCode: string;

  @Field()
  @Column({ type: 'text' })
  city: string;

  @Field({ description: 'Official department code' })
  @Column({ type: 'text' })
  departmentCode: string;

  @Field({ description: 'Opening hours as the store states them' })
  @Column({ type: 'text' })
  openingHours: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A store's stock for one scheme (by scheme code), written only with a movement in the same
 * transaction, as offers' stock is; the CHECK is the last line against overselling.
 */
@ObjectType()
@Entity('store_stock')
@Check('store_stock_reserved_ck', 'reserved >= 0 AND reserved <= on_hand')
export class StoreStock {
  @PrimaryColumn({ type: 'uuid' })
  storeId: string;

  @Field()
  @PrimaryColumn({ type: 'text' })
  schemeCode: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  onHand: number;

  @Field(() => Int)
  @Column({ type: 'int', default: 0 })
  reserved: number;

  @Field(() => Int)
  get available(): number {
    return this.onHand - this.reserved;
  }
}

/** Append-only (a trigger refuses UPDATE and DELETE): deliveries, reservations, releases, pickups. */
@ObjectType()
@Entity('store_stock_movement')
@Index('store_stock_movement_store_idx', ['storeId', 'id'])
export class StoreStockMovement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  storeId: string;

  @Field()
  @Column({ type: 'text' })
  schemeCode: string;

  @Field(() => StockMovementKind)
  @Column({ type: 'text' })
  kind: StockMovementKind;

  @Field(() => Int)
  @Column({ type: 'int' })
  onHandDelta: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  reservedDelta: number;

  @Field(() => String, { nullable: true, description: 'A delivery note, an order id…' })
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}

/** A company admitted to a network's click & collect under a scheme (checked at enrolment). */
@ObjectType()
@Entity('click_collect_enrolment')
@Index('click_collect_enrolment_pair_idx', ['organisationId', 'networkId'], { unique: true })
export class ClickCollectEnrolment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organisationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  networkId: string;

  @Field()
  @Column({ type: 'text' })
  schemeCode: string;

  @Field(() => String, { nullable: true, description: 'Parent company declared at enrolment, if any' })
  @Column({ type: 'char', length: 9, nullable: true })
  parentCompanySiren: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  enrolledAt: Date;
}

/**
 * A person a company orders for: pseudonymous (its own reference, an optional name, nothing more).
 * Archived, never deleted, so past orders and the ledger keep naming someone.
 */
@ObjectType()
@Entity('declared_person')
@Index('declared_person_ref_idx', ['organisationId', 'internalRef'], { unique: true })
export class DeclaredPerson {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Field({ description: 'The company’s own reference for the person (staff number…)' })
  @Column({ type: 'text' })
  internalRef: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  declaredAt: Date;
}

@ObjectType()
@Entity('click_collect_order')
@Index('click_collect_order_organisation_idx', ['organisationId', 'createdAt'])
@Index('click_collect_order_store_idx', ['storeId', 'status', 'createdAt'])
@Index('click_collect_order_due_idx', ['status', 'collectBy'])
@Check('click_collect_order_quantity_ck', 'quantity > 0')
export class ClickCollectOrder {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organisationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  storeId: string;

  @Column({ type: 'uuid' })
  schemeId: string;

  /** The scheme whose store stock the order reserved. */
  @Column({ type: 'text' })
  schemeCode: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  quantity: number;

  @Field({ description: 'First Paris day of the period the quota was taken in' })
  @Column({ type: 'date' })
  periodStart: string;

  @Field(() => ClickCollectOrderStatus)
  @Column({ type: 'text' })
  status: ClickCollectOrderStatus;

  @Field({ description: 'Not collected by then, the order expires: stock back to the store, quota back' })
  @Column({ type: 'timestamptz' })
  collectBy: Date;

  @Field(() => Int, { nullable: true, description: 'Units handed over at pickup (the rest went back)' })
  @Column({ type: 'int', nullable: true })
  collectedQuantity: number | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  collectedAt: Date | null;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;
}

@ObjectType()
@Entity('click_collect_order_line')
export class ClickCollectOrderLine {
  @PrimaryColumn({ type: 'uuid' })
  orderId: string;

  @Field(() => ID)
  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  quantity: number;
}
