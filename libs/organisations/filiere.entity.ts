import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity';

export enum SubcontractingStatus {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
}
registerEnumType(SubcontractingStatus, { name: 'SubcontractingStatus' });

/** One of the 18 industrial sectors; reference data inserted by migration. */
@ObjectType()
@Entity('filiere')
export class Filiere {
  @Field(() => ID)
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Field()
  @Column({ type: 'text', unique: true })
  name: string;
}

/** A company's membership of a filière (a company may belong to several). */
@Entity('filiere_membership')
@Index('filiere_membership_filiere_idx', ['filiereCode', 'organisationId'])
export class FiliereMembership {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  organisation?: Organisation;

  @PrimaryColumn({ type: 'text' })
  filiereCode: string;

  @ManyToOne(() => Filiere, { onDelete: 'RESTRICT' })
  @JoinColumn()
  filiere?: Filiere;

  @CreateDateColumn({ type: 'timestamptz' })
  joinedAt: Date;
}

/**
 * A large group (donneur d'ordre) and one of its subcontractors. The group proposes the link; it is
 * active once the subcontractor's admin confirms, so no group can claim a company on its own.
 */
@ObjectType()
@Entity('subcontracting_link')
@Index('subcontracting_link_pair_idx', ['groupId', 'subcontractorId'], { unique: true })
@Index('subcontracting_link_subcontractor_idx', ['subcontractorId'])
export class SubcontractingLink {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  groupId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  groupOrganisation?: Organisation;

  @Column({ type: 'uuid' })
  subcontractorId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subcontractor_id' })
  subcontractorOrganisation?: Organisation;

  @Field(() => SubcontractingStatus)
  @Column({ type: 'text', default: SubcontractingStatus.PENDING })
  status: SubcontractingStatus;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
