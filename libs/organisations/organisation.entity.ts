import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrganisationKind, SizeClass } from './domain/organisation.rules';

registerEnumType(OrganisationKind, { name: 'OrganisationKind' });
registerEnumType(SizeClass, { name: 'SizeClass', description: 'INSEE size class by headcount' });

/** A company or body, one per establishment SIRET (the de-duplication key). */
@ObjectType()
@Entity('organisation')
@Index('organisation_name_idx', ['name', 'id'])
@Index('organisation_region_idx', ['regionCode', 'id'])
export class Organisation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'char', length: 14, unique: true })
  siret: string;

  @Field()
  @Column({ type: 'char', length: 9 })
  siren: string;

  @Field(() => String, {
    nullable: true,
    description: 'FINESS number of a health establishment (9 characters, checked); null for other kinds',
  })
  @Column({ type: 'char', length: 9, nullable: true, unique: true })
  finess: string | null;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => [OrganisationKind])
  @Column({ type: 'text', array: true })
  kinds: OrganisationKind[];

  @Field(() => SizeClass)
  @Column({ type: 'text' })
  sizeClass: SizeClass;

  @Field(() => Int)
  @Column({ type: 'int' })
  headcount: number;

  @Field({ description: 'Official department code (01–95, 2A, 2B, 971–974, 976)' })
  @Column({ type: 'text' })
  departmentCode: string;

  @Field({ description: 'Official region code, derived from the department' })
  @Column({ type: 'text' })
  regionCode: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Public sales contact (shown on the DGE list for suppliers)',
  })
  @Column({ type: 'text', nullable: true })
  salesContact: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
