import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Generated,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { bigintAsNumber, SafeIntScalar } from '@masks/core';
import { Organisation } from '@masks/organisations';
import { Offer, Product } from '@masks/catalog';
import { OrderAction, OrderActor, OrderStatus } from './domain/order.states';

export enum PaymentMethod {
  CARD = 'CARD',
  SEPA_DEBIT = 'SEPA_DEBIT',
  /** Bank transfer on invoice: the default when no card provider is configured. */
  BANK_TRANSFER = 'BANK_TRANSFER',
}

registerEnumType(OrderStatus, { name: 'OrderStatus' });
registerEnumType(OrderAction, { name: 'OrderAction' });
registerEnumType(OrderActor, { name: 'OrderActor' });
registerEnumType(PaymentMethod, { name: 'PaymentMethod' });

/** One purchase from one supplier: lines on its offers, amounts in cents, a history of every move. */
@ObjectType()
@Entity('customer_order')
@Index('customer_order_buyer_idx', ['buyerId', 'createdAt'])
@Index('customer_order_supplier_idx', ['supplierId', 'createdAt'])
@Index('customer_order_status_idx', ['status', 'createdAt'])
export class Order {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human-readable order number (CMD-00000042), from a sequence. */
  @Column({ type: 'int', unique: true })
  @Generated('increment')
  seq: number;

  @Column({ type: 'uuid' })
  buyerId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  buyer?: Organisation;

  @Column({ type: 'uuid' })
  supplierId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  supplier?: Organisation;

  @Field(() => OrderStatus)
  @Column({ type: 'text' })
  status: OrderStatus;

  @Field(() => PaymentMethod)
  @Column({ type: 'text' })
  paymentMethod: PaymentMethod;

  @Field()
  @Column({ type: 'text' })
  deliveryDepartmentCode: string;

  @Field(() => SafeIntScalar)
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  subtotalCents: number;

  @Field(() => Int, { description: 'VAT rate in basis points (550 = 5.5 %)' })
  @Column({ type: 'int' })
  vatRateBasisPoints: number;

  @Field(() => SafeIntScalar)
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  vatCents: number;

  @Field(() => SafeIntScalar)
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  totalCents: number;

  @Field(() => Date, {
    nullable: true,
    description: 'Unpaid by then, the order expires and its stock is released',
  })
  @Column({ type: 'timestamptz', nullable: true })
  reservationExpiresAt: Date | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The need this order covers, when it came from a proposal',
  })
  @Column({ type: 'uuid', nullable: true })
  needId: string | null;

  @Column({ type: 'uuid', nullable: true })
  placedByUserId: string | null;

  /**
   * The supplier's bank account as it stood when the order was placed (bank-transfer orders; all
   * three null when the supplier had declared none). A copy, not a link to the supplier's current
   * details: the invoice is issued from the order and must not change afterwards, the buyer may have
   * set up the transfer already, and an account swapped after the fact is the classic payment fraud.
   * So a supplier changing its IBAN affects orders placed from then on; older ones keep the old account.
   */
  @Column({ type: 'text', nullable: true })
  supplierAccountHolder: string | null;

  @Column({ type: 'text', nullable: true })
  supplierIban: string | null;

  @Column({ type: 'text', nullable: true })
  supplierBic: string | null;

  @Field(() => String, { nullable: true, description: "The payment provider's reference" })
  @Column({ type: 'text', nullable: true })
  paymentReference: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "The refund's reference (provider refund, or the supplier's transfer)",
  })
  @Column({ type: 'text', nullable: true })
  refundReference: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  carrier: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  trackingNumber: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  shippedAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  cancellationReason: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Set when something puts the order at risk, e.g. its product’s certification was revoked',
  })
  @Column({ type: 'text', nullable: true })
  flag: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

@ObjectType()
@Entity('order_line')
@Index('order_line_order_idx', ['orderId'])
@Index('order_line_offer_idx', ['offerId'])
export class OrderLine {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn()
  order?: Order;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  offerId: string;

  @ManyToOne(() => Offer, { onDelete: 'RESTRICT' })
  @JoinColumn()
  offer?: Offer;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn()
  product?: Product;

  @Field(() => Int)
  @Column({ type: 'int' })
  quantity: number;

  @Field(() => Int, { description: 'Micro-euros per mask, from the offer’s tier for this quantity' })
  @Column({ type: 'int' })
  unitPriceMicros: number;

  @Field(() => SafeIntScalar)
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  lineTotalCents: number;

  @Field(() => [String], { description: 'Lot numbers shipped' })
  @Column({ type: 'text', array: true, default: '{}' })
  lotNumbers: string[];

  @Field(() => Int, { nullable: true, description: 'What the buyer says arrived' })
  @Column({ type: 'int', nullable: true })
  receivedQuantity: number | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Lot numbers as the buyer read them, when they differ',
  })
  @Column({ type: 'text', array: true, nullable: true })
  receivedLotNumbers: string[] | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  discrepancyNote: string | null;
}

/** Every move of an order, in order. Append-only (trigger). */
@ObjectType()
@Entity('order_transition')
@Index('order_transition_order_idx', ['orderId', 'id'])
export class OrderTransition {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne(() => Order, { onDelete: 'CASCADE' })
  @JoinColumn()
  order?: Order;

  @Field(() => OrderStatus, { nullable: true })
  @Column({ type: 'text', nullable: true })
  fromStatus: OrderStatus | null;

  @Field(() => OrderStatus)
  @Column({ type: 'text' })
  toStatus: OrderStatus;

  @Field(() => OrderAction, { nullable: true, description: 'Null for the placement itself' })
  @Column({ type: 'text', nullable: true })
  action: OrderAction | null;

  @Field(() => OrderActor)
  @Column({ type: 'text' })
  actor: OrderActor;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  /** Filled by OrdersService.historyOf from app_user (not a column). */
  @Field(() => String, {
    nullable: true,
    description:
      'The person who acted (full name), for moves by a person of either side or of the DGE; null for the platform’s jobs and API keys (see actor)',
  })
  actorName?: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}

/** VAT rates with their effective dates (configuration as data; seeded by migration). */
@Entity('vat_rate')
export class VatRateRow {
  @PrimaryColumn({ type: 'date' })
  validFrom: string;

  @Column({ type: 'int' })
  rateBasisPoints: number;

  @Column({ type: 'text' })
  source: string;
}
