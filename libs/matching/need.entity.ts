import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { GraphQLJSON } from '@masks/core';
import { MaskCategory } from '@masks/catalog';
import { Organisation } from '@masks/organisations';
import type { AllocationReason } from './domain/allocation-reason';
import { AllocationReasonModel } from './models/allocation-reason.model';

export enum NeedStatus {
  OPEN = 'OPEN',
  /** Not re-confirmed in time: supply is not held for needs nobody still has. */
  EXPIRED = 'EXPIRED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(NeedStatus, { name: 'NeedStatus' });

export enum ProposalStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  /** Replaced by a later matching run, or its need closed. */
  LAPSED = 'LAPSED',
}
registerEnumType(ProposalStatus, { name: 'ProposalStatus' });

/** What a buyer needs. Coverage is computed from the orders placed for it, never stored twice. */
@ObjectType()
@Entity('need')
@Index('need_buyer_idx', ['buyerId', 'createdAt'])
@Index('need_open_idx', ['status', 'expiresAt'])
export class Need {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  buyerId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  buyer?: Organisation;

  @Field(() => MaskCategory)
  @Column({ type: 'text' })
  category: MaskCategory;

  @Field({ description: 'Whether masks certified through a foreign standard accepted by derogation will do' })
  @Column({ type: 'boolean' })
  acceptsEquivalents: boolean;

  @Field(() => Int)
  @Column({ type: 'int' })
  quantity: number;

  @Field()
  @Column({ type: 'text' })
  deliveryDepartmentCode: string;

  @Field()
  @Column({ type: 'timestamptz' })
  neededBy: Date;

  @Field(() => Int, { nullable: true, description: 'Micro-euros per mask' })
  @Column({ type: 'int', nullable: true })
  maxUnitPriceMicros: number | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Field(() => Int, { description: '0 is served first (configuration: PRIORITY_FILIERES)' })
  @Column({ type: 'int' })
  priorityTier: number;

  @Field(() => NeedStatus)
  @Column({ type: 'text', default: NeedStatus.OPEN })
  status: NeedStatus;

  @Field({ description: 'Unless re-confirmed before then, the need expires' })
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** One batch allocation over all open needs: its figures, for the DGE and for explanations. */
@ObjectType()
@Entity('matching_run')
export class MatchingRun {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  needs: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  offers: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  requested: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  allocated: number;

  @Field(() => GraphQLJSON, { description: 'Per priority tier: needs, requested, allocated, fill ratio' })
  @Column({ type: 'jsonb' })
  tiers: unknown;

  @Field(() => Int, { description: 'Milliseconds the allocation took' })
  @Column({ type: 'int' })
  durationMs: number;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  ranAt: Date;
}

/** What a matching run proposes to a need: a quantity of an offer, with why. Accepting it places an order. */
@ObjectType()
@Entity('proposal')
@Index('proposal_need_idx', ['needId', 'createdAt'])
@Index('proposal_open_idx', ['status'], { where: `status = 'PROPOSED'` })
export class Proposal {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  runId: string;

  @ManyToOne(() => MatchingRun, { onDelete: 'RESTRICT' })
  @JoinColumn()
  run?: MatchingRun;

  @Column({ type: 'uuid' })
  needId: string;

  @ManyToOne(() => Need, { onDelete: 'CASCADE' })
  @JoinColumn()
  need?: Need;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  offerId: string;

  @Field(() => Int)
  @Column({ type: 'int' })
  quantity: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  unitPriceMicros: number;

  @Field({ description: 'Why the need got this much from this run, in English' })
  @Column({ type: 'text' })
  explanation: string;

  @Field(() => AllocationReasonModel, {
    nullable: true,
    description: 'The same, as figures (null for proposals made before they were kept)',
  })
  @Column({ type: 'jsonb', nullable: true })
  reason: AllocationReason | null;

  @Field(() => ProposalStatus)
  @Column({ type: 'text', default: ProposalStatus.PROPOSED })
  status: ProposalStatus;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  orderId: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
