import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type { AppConfig } from '../config/config';
import { describeDelivery, messageIdFor, type OutgoingMail } from './delivery';

/** Delivery seam of the notifications' e-mail step. */
export abstract class Mailer {
  /** False when send() only logs: the in-app inbox is then the only delivery. */
  abstract readonly emails: boolean;
  /** What start-up says about notifications. */
  abstract readonly description: string;
  abstract send(mail: OutgoingMail): Promise<void>;
}

/** Without SMTP: the inbox keeps every notification, the log says who was told what. */
export class LogMailer extends Mailer {
  readonly emails = false;
  readonly description = describeDelivery(undefined, '');
  private readonly logger = new Logger('Mailer');

  async send(mail: OutgoingMail): Promise<void> {
    this.logger.log(`to ${mail.to}: ${mail.subject}`);
  }
}

/**
 * The SMTP server of SMTP_URL, one connection per message (nodemailer's URL options, such as
 * `?requireTLS=true`, apply). Bounded waits: the notification's row stays locked while a message is
 * handed over, so a server that does not answer must fail the attempt, not hold it for minutes.
 */
export class SmtpMailer extends Mailer implements OnApplicationShutdown {
  readonly emails = true;
  readonly description: string;
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    this.description = describeDelivery(smtpUrl, from);
    this.transport = createTransport(
      { url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
      { from },
    );
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      messageId: messageIdFor(mail.notificationId, this.from),
      // RFC 3834: out-of-office and other automatic replies are not sent back to a notification.
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

export function mailerFor(config: Pick<AppConfig, 'smtpUrl' | 'mailFrom'>): Mailer {
  return config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.mailFrom) : new LogMailer();
}
