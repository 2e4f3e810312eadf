import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ApiScope, Role } from '@masks/core';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Organisation } from './organisation.entity';

registerEnumType(Role, { name: 'Role' });
registerEnumType(ApiScope, { name: 'ApiScope' });

/** A person. The e-mail is unique case-insensitively (unique index on lower(email)). */
@ObjectType()
@Entity('app_user')
@Index('app_user_email_idx', { synchronize: false })
export class User {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  email: string;

  @Field()
  @Column({ type: 'text' })
  fullName: string;

  /** argon2id hash; never exposed. */
  @Column({ type: 'text' })
  passwordHash: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A person's place in an organisation, with the roles it grants there. */
@ObjectType()
@Entity('membership')
@Index('membership_user_org_idx', ['userId', 'organisationId'], { unique: true })
@Index('membership_org_idx', ['organisationId', 'createdAt'])
export class Membership {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  organisation?: Organisation;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Field(() => [Role])
  @Column({ type: 'text', array: true })
  roles: Role[];

  @Field(() => String, { nullable: true, description: 'For a filière referent: the filière they speak for' })
  @Column({ type: 'text', nullable: true })
  filiereCode: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** An invitation to join an organisation; the token is sent by e-mail and stored hashed. */
@ObjectType()
@Entity('invitation')
@Index('invitation_org_idx', ['organisationId', 'createdAt'])
export class Invitation {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  organisation?: Organisation;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Field()
  @Column({ type: 'text' })
  email: string;

  @Field(() => [Role])
  @Column({ type: 'text', array: true })
  roles: Role[];

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @Column({ type: 'uuid' })
  invitedBy: string;

  @Field()
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/**
 * A refresh token (stored hashed). Rotated on each use; presenting an already-rotated token revokes
 * its whole family, the standard defence against a stolen refresh token.
 */
@Entity('refresh_token')
@Index('refresh_token_family_idx', ['familyId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', unique: true })
  tokenHash: string;

  @Column({ type: 'uuid' })
  familyId: string;

  @ManyToOne(() => Membership, { onDelete: 'CASCADE' })
  @JoinColumn()
  membership?: Membership;

  @Column({ type: 'uuid' })
  membershipId: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A machine client's key (an ERP): scoped, revocable, stored as a SHA-256 of its secret part. */
@ObjectType()
@Entity('api_key')
@Index('api_key_org_idx', ['organisationId', 'createdAt'])
export class ApiKey {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ManyToOne(() => Organisation, { onDelete: 'CASCADE' })
  @JoinColumn()
  organisation?: Organisation;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field({ description: 'The public part of the key, to recognise it in lists' })
  @Column({ type: 'text', unique: true })
  prefix: string;

  @Column({ type: 'text' })
  secretHash: string;

  @Field(() => [ApiScope])
  @Column({ type: 'text', array: true })
  scopes: ApiScope[];

  @Column({ type: 'uuid' })
  createdBy: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
