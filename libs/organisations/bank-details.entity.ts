import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Organisation } from './organisation.entity';

/**
 * Where a supplier is paid by bank transfer: one account per organisation, declared and changed by
 * its admins only (every change audited). Orders copy it at placement (see the orders lib), so a
 * later change never redirects the payment of an order already placed.
 */
@ObjectType('BankDetails', { description: 'The account a supplier is paid on by bank transfer' })
@Entity('supplier_bank_details')
export class SupplierBankDetails {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @OneToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  organisation?: Organisation;

  @Field({ description: 'The name the account is held in' })
  @Column({ type: 'text' })
  accountHolder: string;

  @Field({ description: 'Electronic format: upper case, no spaces (FR7630006000011234567890189)' })
  @Column({ type: 'text' })
  iban: string;

  @Field({ description: 'BIC (SWIFT code) of the bank, 8 or 11 characters' })
  @Column({ type: 'text' })
  bic: string;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;
}
