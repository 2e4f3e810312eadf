import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One message the platform had to tell someone, one row per outbox event: the in-app inbox of the
 * account whose e-mail is the recipient, and the record of its e-mail (sent once, when SMTP is on).
 */
@Entity('notification')
@Index('notification_inbox_idx', ['userId', 'createdAt', 'id'])
@Index('notification_unread_idx', ['userId'], { where: 'read_at IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'bigint', unique: true })
  eventId: string;

  /**
   * The account whose e-mail (case-insensitively) was the recipient when the notification was
   * processed; null when there was none (an invitation to a new person). No foreign key: the users'
   * table belongs to another lib, which resolves the account (RecipientDirectory).
   */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'text' })
  recipient: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  /** Millisecond precision: the inbox's cursors carry it as an ISO string and must compare exactly. */
  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  readAt: Date | null;

  /** When the SMTP server accepted the e-mail; null while it has not, or without SMTP (inbox only). */
  @Column({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null;

  /** Attempts to hand the e-mail to the SMTP server, failed ones included. */
  @Column({ type: 'int', default: 0 })
  emailAttempts: number;

  /** The last failure's reason, cleared once the e-mail is accepted. */
  @Column({ type: 'text', nullable: true })
  emailError: string | null;
}
