import { Column, CreateDateColumn, Entity } from 'typeorm';

/** The outcome of a create mutation sent with an idempotency key, so a retry returns it again. */
@Entity('idempotency_record')
export class IdempotencyRecord {
  /** The caller: a user, an API key, or `anonymous` for sign-up. */
  @Column({ type: 'text', primary: true })
  scope: string;

  @Column({ type: 'text', primary: true })
  key: string;

  @Column({ type: 'text' })
  operation: string;

  @Column({ type: 'text' })
  requestHash: string;

  @Column({ type: 'text', nullable: true })
  resultId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
