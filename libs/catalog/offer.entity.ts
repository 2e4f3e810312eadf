import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '@masks/organisations';
import { MaskCategory } from './domain/categories';
import type { PriceTier } from './domain/offer.rules';
import { StockMovementKind } from './domain/stock-ledger';
import { Product } from './product.entity';
import { SupplierSummary } from './models/supplier-summary.model';

export enum OfferStatus {
  ACTIVE = 'ACTIVE',
  /** Taken off the market by its supplier, or by a certification withdrawal. */
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(OfferStatus, { name: 'OfferStatus' });
registerEnumType(StockMovementKind, { name: 'StockMovementKind' });

@ObjectType('PriceTier')
export class PriceTierModel implements PriceTier {
  @Field(() => Int)
  minQuantity: number;

  @Field(() => Int, { description: 'Micro-euros per mask (1 € = 1,000,000)' })
  unitPriceMicros: number;
}

/**
 * A lot put on the market: a quantity of one product at one warehouse, with its terms. Category and
 * origin are copied from the product (immutable there) so searches filter and sort on one table.
 */
@ObjectType()
@Entity('offer')
@Index('offer_supplier_ref_idx', ['supplierId', 'externalRef'], {
  unique: true,
  where: 'external_ref IS NOT NULL',
})
@Index('offer_supplier_idx', ['supplierId', 'createdAt'])
@Index('offer_product_idx', ['productId'])
@Index('offer_search_price_idx', ['category', 'fromPriceMicros', 'id'], { where: `status = 'ACTIVE'` })
@Index('offer_search_lead_idx', ['category', 'leadTimeDays', 'id'], { where: `status = 'ACTIVE'` })
@Index('offer_search_region_idx', ['category', 'warehouseRegionCode', 'fromPriceMicros', 'id'], {
  where: `status = 'ACTIVE'`,
})
export class Offer {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn()
  product?: Product;

  @Column({ type: 'uuid' })
  supplierId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  supplier?: Organisation;

  @Field(() => String, {
    nullable: true,
    description: "The supplier's own reference (key of the ERP upsert)",
  })
  @Column({ type: 'text', nullable: true })
  externalRef: string | null;

  @Field(() => MaskCategory)
  @Column({ type: 'text' })
  category: MaskCategory;

  @Field()
  @Column({ type: 'boolean' })
  madeInFrance: boolean;

  @Field(() => OfferStatus)
  @Column({ type: 'text', default: OfferStatus.ACTIVE })
  status: OfferStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  withdrawnReason: string | null;

  @Field(() => Int)
  @Column({ type: 'int' })
  minimumOrderQuantity: number;

  @Field(() => Int, { description: 'Orders are the minimum or more, in multiples of this' })
  @Column({ type: 'int' })
  orderIncrement: number;

  @Field(() => [PriceTierModel])
  @Column({ type: 'jsonb' })
  priceTiers: PriceTier[];

  @Field(() => Int, { description: 'Lowest unit price on offer, micro-euros' })
  @Column({ type: 'int' })
  fromPriceMicros: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  leadTimeDays: number;

  @Field()
  @Column({ type: 'timestamptz' })
  availableFrom: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Field()
  @Column({ type: 'text' })
  warehouseDepartmentCode: string;

  @Field()
  @Column({ type: 'text' })
  warehouseRegionCode: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /**
   * Not columns: filled for a whole page at once (in the search's own statement, offer-listing.ts;
   * else by OffersService.withListing, one query), so a listing does not resolve two fields per row.
   */
  @Field(() => Int, { description: 'Units that can be ordered now' })
  available?: number;

  @Field(() => SupplierSummary, { name: 'supplier', description: "The supplier's public trading identity" })
  supplierSummary?: SupplierSummary;
}

/**
 * The stock of an offer, apart from the offer so the hot counter row stays narrow. Written only
 * with a movement in the same transaction; the CHECKs are the last line against overselling.
 */
@ObjectType()
@Entity('stock_level')
@Check('stock_level_reserved_ck', 'reserved >= 0 AND reserved <= on_hand')
export class StockLevel {
  @PrimaryColumn({ type: 'uuid' })
  offerId: string;

  @OneToOne(() => Offer, { onDelete: 'CASCADE' })
  @JoinColumn()
  offer?: Offer;

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

/** Append-only (a trigger refuses UPDATE and DELETE). */
@ObjectType()
@Entity('stock_movement')
@Index('stock_movement_offer_idx', ['offerId', 'id'])
export class StockMovement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  offerId: string;

  @ManyToOne(() => Offer, { onDelete: 'RESTRICT' })
  @JoinColumn()
  offer?: Offer;

  @Field(() => StockMovementKind)
  @Column({ type: 'text' })
  kind: StockMovementKind;

  @Field(() => Int)
  @Column({ type: 'int' })
  onHandDelta: number;

  @Field(() => Int)
  @Column({ type: 'int' })
  reservedDelta: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'What caused it: an order, an ERP batch…' })
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
