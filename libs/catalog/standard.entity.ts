import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { MaskCategory, StandardKind, type Thresholds } from './domain/categories';
import { GraphQLJSON } from '@masks/core';

registerEnumType(MaskCategory, { name: 'MaskCategory' });
registerEnumType(StandardKind, {
  name: 'StandardKind',
  description: 'NATIVE, or a foreign standard accepted by derogation',
});

/**
 * A standard that grants a category: EN 149 → FFP2 natively, or KN95 → FFP2 by derogation until
 * 31 May 2020. Reference data inserted by migration; the DGE can move a window (audited).
 */
@ObjectType()
@Entity('mask_standard')
@Index('mask_standard_category_idx', ['category'])
export class MaskStandard {
  @Field(() => ID, { description: 'e.g. EN149-FFP2, KN95, UNS1' })
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Field({ description: 'e.g. "EN 149+A1:2009", "GB 2626-2006 (KN95)"' })
  @Column({ type: 'text' })
  name: string;

  @Field(() => MaskCategory)
  @Column({ type: 'text' })
  category: MaskCategory;

  @Field(() => StandardKind)
  @Column({ type: 'text' })
  kind: StandardKind;

  @Field({ description: 'Country or body issuing the standard' })
  @Column({ type: 'text' })
  origin: string;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  validFrom: Date | null;

  @Field(() => Date, { nullable: true, description: 'Exclusive end of acceptance (derogations)' })
  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Field(() => GraphQLJSON, {
    description: 'Bounds per measurement, e.g. {"filterPenetrationPct":{"max":6}}',
  })
  @Column({ type: 'jsonb' })
  thresholds: Thresholds;

  @Field({ description: 'Source of the rule' })
  @Column({ type: 'text' })
  source: string;
}
