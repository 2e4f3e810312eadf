import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '@masks/organisations';
import { MaskCategory } from './domain/categories';
import { MaskStandard } from './standard.entity';

/** A mask model a supplier (manufacturer, importer, distributor) sells. */
@ObjectType()
@Entity('product')
@Index('product_supplier_idx', ['supplierId', 'createdAt'])
export class Product {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  supplierId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  supplier?: Organisation;

  @Field(() => MaskCategory, {
    description: 'The category the product is sold as (and must be certified as)',
  })
  @Column({ type: 'text' })
  category: MaskCategory;

  @Field({ description: 'Code of the standard claimed (see maskStandards)' })
  @Column({ type: 'text' })
  standardCode: string;

  @ManyToOne(() => MaskStandard, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'standard_code', referencedColumnName: 'code' })
  standard?: MaskStandard;

  @Field()
  @Column({ type: 'text' })
  brand: string;

  @Field()
  @Column({ type: 'text' })
  model: string;

  @Field()
  @Column({ type: 'boolean' })
  reusable: boolean;

  @Field(() => Int, { nullable: true, description: 'Washes declared for a reusable mask' })
  @Column({ type: 'int', nullable: true })
  declaredWashes: number | null;

  @Field(() => Int, { description: 'Masks per pack' })
  @Column({ type: 'int' })
  packSize: number;

  @Field({ description: 'ISO 3166-1 alpha-2 country of production' })
  @Column({ type: 'char', length: 2 })
  countryOfProduction: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  productionCity: string | null;

  @Field(() => String, { nullable: true, description: 'Department of production (in France)' })
  @Column({ type: 'text', nullable: true })
  productionDepartmentCode: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  productionRegionCode: string | null;

  @Field()
  @Column({ type: 'boolean' })
  ceMarked: boolean;

  @Field(() => Int, { description: 'Declared production capacity, masks per day (0 for resellers)' })
  @Column({ type: 'int', default: 0 })
  dailyCapacity: number;

  /**
   * Maintained by the certification lib in the same transaction as every DGE decision: the end of
   * the latest valid certification (any standard, derogations included, each capped by its
   * standard's window), and the same through native standards only. Visibility and matching compare
   * these with the date that matters (today, or the delivery date).
   */
  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  certifiedUntil: Date | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  nativelyCertifiedUntil: Date | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  get madeInFrance(): boolean {
    return this.countryOfProduction === 'FR';
  }
}
