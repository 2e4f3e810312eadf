import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { QUEUES, QueueRegistry } from '../queues/queue-registry';
import { runOnce, type DomainEvent, type OutboxJob } from '../outbox/outbox';

export interface NotificationRequest {
  recipient: string;
  subject: string;
  body: string;
}

/** The event a service records when someone must be told something (invitation, order update…). */
export function notificationEvent(request: NotificationRequest): DomainEvent {
  return { type: 'notification.requested', queue: QUEUES.notifications, payload: { ...request } };
}

/** Delivery seam: the default writes to the log; an SMTP or provider-backed mailer replaces it. */
export abstract class Mailer {
  abstract send(message: NotificationRequest): Promise<void>;
}

@Injectable()
export class LogMailer extends Mailer {
  private readonly logger = new Logger('Mailer');
  async send(message: NotificationRequest): Promise<void> {
    this.logger.log(`to ${message.recipient}: ${message.subject}`);
  }
}

/** Worker side: records and sends each requested notification once. */
@Injectable()
export class NotificationProcessor implements OnApplicationBootstrap {
  constructor(
    private readonly queues: QueueRegistry,
    private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
  ) {}

  onApplicationBootstrap(): void {
    this.queues.worker<OutboxJob<NotificationRequest>>(QUEUES.notifications, (job) => this.process(job));
  }

  async process(job: Job<OutboxJob<NotificationRequest>>): Promise<void> {
    const { eventId, payload } = job.data;
    await runOnce(this.dataSource.manager, eventId, 'notification.send', async (manager) => {
      await manager.query(
        `INSERT INTO notification (event_id, recipient, subject, body) VALUES ($1, $2, $3, $4)`,
        [eventId, payload.recipient, payload.subject, payload.body],
      );
      // Sent inside the transaction: if sending throws, the record rolls back and the job retries.
      await this.mailer.send(payload);
    });
  }
}
