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
import type { EligibilityRules } from './domain/scheme';

export enum QuotaLedgerReason {
  /** Units taken by an order. */
  CONSUMPTION = 'CONSUMPTION',
  /** Units given back to the period they were taken in (an order expired or cancelled). */
  RELEASE = 'RELEASE',
}
registerEnumType(QuotaLedgerReason, { name: 'QuotaLedgerReason' });

/**
 * A quota scheme in force between two instants. Reference data (inserted by migration); a change of
 * rule is a new row with its own effective dates, so past consumption keeps the rule it was taken under.
 */
@ObjectType()
@Entity('quota_scheme')
@Index('quota_scheme_code_from_idx', ['code', 'effectiveFrom'], { unique: true })
@Check('quota_scheme_cap_ck', 'cap_per_person > 0 AND period_days > 0')
export class QuotaScheme {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  code: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'What one unit is' })
  @Column({ type: 'text' })
  unit: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  capPerPerson: number;

  @Field(() => Int, { description: 'Length of a period in Paris calendar days' })
  @Column({ type: 'int' })
  periodDays: number;

  @Field({ description: 'A Paris date on which a period starts (YYYY-MM-DD)' })
  @Column({ type: 'date' })
  periodAnchor: string;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  maxPersonsPerOrganisation: number | null;

  @Field(() => [Int], { description: 'Order quantities must be sums of these; empty for any' })
  @Column({ type: 'int', array: true, default: () => "'{}'" })
  lotSizes: number[];

  @Field(() => Int, { nullable: true })
  @Column({ type: 'int', nullable: true })
  minDaysBetweenOrders: number | null;

  @Column({ type: 'jsonb' })
  eligibility: EligibilityRules;

  @Field()
  @Column({ type: 'timestamptz' })
  effectiveFrom: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  effectiveUntil: Date | null;
}

/**
 * One row per organisation in a scheme: consumption locks it first, so all of an organisation's
 * consumption is serialised (and its counters read under the lock are current). Also holds the last
 * order's instant for the schemes that space orders out.
 */
@Entity('quota_account')
export class QuotaAccount {
  @PrimaryColumn({ type: 'uuid' })
  schemeId: string;

  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'timestamptz', nullable: true })
  lastOrderAt: Date | null;
}

/** Units an organisation took in one period, and how many of its persons count in it. */
@Entity('quota_organisation_usage')
@Check('quota_organisation_usage_ck', 'used >= 0 AND persons >= 0')
export class QuotaOrganisationUsage {
  @PrimaryColumn({ type: 'uuid' })
  schemeId: string;

  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ type: 'date' })
  periodStart: string;

  @Column({ type: 'int' })
  used: number;

  @Column({ type: 'int' })
  persons: number;
}

/** Units one person took in one period (the row existing means the person counts in it). */
@Entity('quota_person_usage')
@Index('quota_person_usage_organisation_idx', ['organisationId', 'schemeId', 'periodStart'])
@Check('quota_person_usage_ck', 'used >= 0')
export class QuotaPersonUsage {
  @PrimaryColumn({ type: 'uuid' })
  schemeId: string;

  @PrimaryColumn({ type: 'uuid' })
  personId: string;

  @PrimaryColumn({ type: 'date' })
  periodStart: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'int' })
  used: number;
}

/**
 * Append-only: every unit taken or given back, per person and period. The usage rows are always the
 * ledger's sums (a test checks it).
 */
@ObjectType()
@Entity('quota_ledger_entry')
@Index('quota_ledger_entry_organisation_idx', ['organisationId', 'schemeId', 'id'])
@Index('quota_ledger_entry_order_idx', ['orderRef'])
@Check('quota_ledger_entry_quantity_ck', 'quantity <> 0')
export class QuotaLedgerEntry {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  schemeId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  personId: string;

  @Field()
  @Column({ type: 'date' })
  periodStart: string;

  @Field(() => Int, { description: 'Positive when taken, negative when given back' })
  @Column({ type: 'int' })
  quantity: number;

  @Field(() => QuotaLedgerReason)
  @Column({ type: 'text' })
  reason: QuotaLedgerReason;

  @Field({ description: 'The order it was taken for' })
  @Column({ type: 'text' })
  orderRef: string;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
