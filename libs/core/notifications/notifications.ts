import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { QUEUES, QueueRegistry } from '../queues/queue-registry';
import { runOnce, type DomainEvent, type OutboxJob } from '../outbox/outbox';
import { emailAction, mailFailure, type OutgoingMail } from './delivery';
import { Mailer } from './mailer';

export interface NotificationRequest {
  recipient: string;
  subject: string;
  body: string;
}

/** The event a service records when someone must be told something (invitation, order update…). */
export function notificationEvent(request: NotificationRequest): DomainEvent {
  return { type: 'notification.requested', queue: QUEUES.notifications, payload: { ...request } };
}

/**
 * Finds the account an e-mail address belongs to (case-insensitively), for the inbox. Implemented by
 * the lib that owns the users; core only asks.
 */
export abstract class RecipientDirectory {
  abstract userIdOf(manager: EntityManager, email: string): Promise<string | null>;
}

/** The processed-event consumer of the inbox step. */
export const NOTIFICATION_STORED = 'notification.inbox';

interface StoredNotification {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  emailed_at: Date | null;
}

/**
 * Worker side, two steps each idempotent on its own: the inbox row (once per event), then its e-mail
 * (once accepted, never again). An SMTP failure fails the job after the row committed, so BullMQ's
 * retries (with back-off) repeat the e-mail alone.
 */
@Injectable()
export class NotificationProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly queues: QueueRegistry,
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly directory: RecipientDirectory,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.log(`Notifications: ${this.mailer.description}`);
    this.queues.worker<OutboxJob<NotificationRequest>>(QUEUES.notifications, (job) => this.process(job));
  }

  async process(job: Pick<Job<OutboxJob<NotificationRequest>>, 'data'>): Promise<void> {
    const { eventId, payload } = job.data;
    await this.store(eventId, payload);
    await this.email(eventId);
  }

  /** The inbox row, linked to the recipient's account if there is one now. */
  private store(eventId: string, payload: NotificationRequest): Promise<boolean> {
    return runOnce(this.dataSource.manager, eventId, NOTIFICATION_STORED, async (manager) => {
      const userId = await this.directory.userIdOf(manager, payload.recipient);
      // One row per event even for one stored before this consumer had its name (`notification.send`).
      await manager.query(
        `INSERT INTO notification (event_id, user_id, recipient, subject, body) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (event_id) DO NOTHING`,
        [eventId, userId, payload.recipient, payload.subject, payload.body],
      );
    });
  }

  /**
   * The row stays locked while the message is handed over: a duplicate of this job waits, then finds
   * it e-mailed. A failure is counted on the row (committed), then fails the job: retried unless the
   * server refused this message for good. (A crash between the server's acceptance and the commit can
   * still send it twice; its Message-ID is the same, so mail systems can tell.)
   */
  private async email(eventId: string): Promise<void> {
    const failure = await this.dataSource.transaction(async (manager) => {
      const [row]: StoredNotification[] = await manager.query(
        `SELECT id, recipient, subject, body, emailed_at FROM notification WHERE event_id = $1 FOR UPDATE`,
        [eventId],
      );
      const action = emailAction(row && { emailedAt: row.emailed_at }, this.mailer.emails);
      if (action === 'inbox-only') await this.mailer.send(this.mailOf(row));
      if (action !== 'send') return null;
      try {
        await this.mailer.send(this.mailOf(row));
      } catch (error) {
        const failed = mailFailure(error);
        await manager.query(
          `UPDATE notification SET email_attempts = email_attempts + 1, email_error = $2 WHERE id = $1`,
          [row.id, failed.reason],
        );
        return { ...failed, recipient: row.recipient };
      }
      await manager.query(
        `UPDATE notification SET emailed_at = now(), email_attempts = email_attempts + 1, email_error = NULL
         WHERE id = $1`,
        [row.id],
      );
      return null;
    });
    if (!failure) return;
    if (failure.permanent) {
      this.logger.warn(
        `e-mail of event ${eventId} to ${failure.recipient} refused for good: ${failure.reason}`,
      );
      throw new UnrecoverableError(`e-mail refused: ${failure.reason}`);
    }
    throw new Error(`e-mail not sent (retried): ${failure.reason}`);
  }

  private mailOf(row: StoredNotification): OutgoingMail {
    return { notificationId: row.id, to: row.recipient, subject: row.subject, text: row.body };
  }
}
