import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
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
import { GraphQLJSON } from '@masks/core';
import { MaskCategory, MaskStandard, Product, type Measurements } from '@masks/catalog';
import { Organisation } from '@masks/organisations';
import { CertificationStatus, DecisionKind, DocumentKind } from './domain/certification.states';

registerEnumType(CertificationStatus, { name: 'CertificationStatus' });
registerEnumType(DecisionKind, { name: 'CertificationDecisionKind' });
registerEnumType(DocumentKind, { name: 'CertificationDocumentKind' });

/**
 * Evidence that a product meets a standard (test report, CE certificate), submitted by its supplier
 * and decided by the DGE. Only a VALIDATED certification inside its validity (and inside its
 * standard's window) makes the product's offers visible and matchable.
 */
@ObjectType()
@Entity('certification')
@Index('certification_product_idx', ['productId', 'submittedAt'])
@Index('certification_supplier_idx', ['supplierId', 'submittedAt'])
@Index('certification_status_idx', ['status', 'validUntil'])
export class Certification {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  productId: string;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn()
  product?: Product;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  supplierId: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn()
  supplier?: Organisation;

  @Field({ description: 'Code of the standard claimed (see maskStandards)' })
  @Column({ type: 'text' })
  standardCode: string;

  @ManyToOne(() => MaskStandard, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'standard_code', referencedColumnName: 'code' })
  standard?: MaskStandard;

  @Field(() => MaskCategory)
  @Column({ type: 'text' })
  category: MaskCategory;

  @Field({ description: 'Test laboratory (the DGA for UNS masks), or notified body' })
  @Column({ type: 'text' })
  laboratory: string;

  @Field()
  @Column({ type: 'text' })
  reportNumber: string;

  @Field()
  @Column({ type: 'date' })
  testedOn: string;

  @Field(() => GraphQLJSON, { description: 'Measured values (see MeasurementsInput)' })
  @Column({ type: 'jsonb' })
  measurements: Measurements;

  @Field(() => String, { nullable: true, description: 'CE certificate number (EU type-examination)' })
  @Column({ type: 'text', nullable: true })
  ceCertificateNumber: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  notifiedBody: string | null;

  @Field(() => CertificationStatus)
  @Column({ type: 'text', default: CertificationStatus.SUBMITTED })
  status: CertificationStatus;

  @Field(() => String, { nullable: true, description: 'Why it was rejected, suspended or revoked' })
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  validFrom: Date | null;

  @Field(() => Date, { nullable: true, description: 'Exclusive end of validity, set by the DGE' })
  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  submittedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Every DGE decision on a certification, in order. Append-only (trigger). */
@ObjectType()
@Entity('certification_decision')
@Index('certification_decision_cert_idx', ['certificationId', 'id'])
export class CertificationDecision {
  @Field(() => ID)
  @PrimaryGeneratedColumn('identity', { type: 'bigint' })
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  certificationId: string;

  @ManyToOne(() => Certification, { onDelete: 'RESTRICT' })
  @JoinColumn()
  certification?: Certification;

  @Field(() => DecisionKind)
  @Column({ type: 'text' })
  decision: DecisionKind;

  @Field(() => CertificationStatus)
  @Column({ type: 'text' })
  fromStatus: CertificationStatus;

  @Field(() => CertificationStatus)
  @Column({ type: 'text' })
  toStatus: CertificationStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  /** Null for decisions of the platform itself (expiry). */
  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}

/** A file attached to a certification (test report, CE certificate…); bytes live in DocumentStorage. */
@ObjectType()
@Entity('certification_document')
@Index('certification_document_cert_idx', ['certificationId', 'uploadedAt'])
export class CertificationDocument {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  certificationId: string;

  @ManyToOne(() => Certification, { onDelete: 'RESTRICT' })
  @JoinColumn()
  certification?: Certification;

  @Column({ type: 'uuid' })
  supplierId: string;

  @Field(() => DocumentKind)
  @Column({ type: 'text' })
  kind: DocumentKind;

  @Field()
  @Column({ type: 'text' })
  filename: string;

  @Field()
  @Column({ type: 'text' })
  contentType: string;

  @Field()
  @Column({ type: 'int' })
  sizeBytes: number;

  @Field({ description: 'SHA-256 of the content, hex' })
  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** Where DocumentStorage keeps the bytes; never shown. */
  @Column({ type: 'text' })
  storageKey: string;

  @Column({ type: 'uuid', nullable: true })
  uploadedByUserId: string | null;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  uploadedAt: Date;
}
