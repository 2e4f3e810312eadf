import { Field, ID, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { bigintAsNumber, SafeIntScalar } from '@masks/core';
import { Order } from '../order.entity';

/**
 * The invoice of an order, issued once (unique per order) by the platform in the supplier's name.
 * The PDF is kept in the database: a legal document, written in the same transaction as its number,
 * and backed up with the orders it belongs to.
 */
@ObjectType()
@Entity('invoice')
export class Invoice {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  orderId: string;

  @OneToOne(() => Order, { onDelete: 'RESTRICT' })
  @JoinColumn()
  order?: Order;

  @Column({ type: 'uuid' })
  supplierId: string;

  @Field({ description: 'Sequential per supplier and year, without gaps (e.g. FAC-2026-000042)' })
  @Column({ type: 'text' })
  number: string;

  @Field(() => SafeIntScalar)
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  totalCents: number;

  @Column({ type: 'bytea', select: false })
  pdf?: Buffer;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  issuedAt: Date;
}

/** The last invoice number of a supplier in a year: incremented in the issuing transaction, so no gap. */
@Entity('invoice_counter')
export class InvoiceCounter {
  @PrimaryColumn({ type: 'uuid' })
  supplierId: string;

  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  last: number;
}
