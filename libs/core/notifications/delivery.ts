/**
 * Pure decisions of notification delivery (no Nest, no TypeORM, no nodemailer): what the e-mail step
 * does with a stored notification, which SMTP failures are worth retrying, how the set-up is described.
 */

/** An e-mail as the mailer sends it. */
export interface OutgoingMail {
  /** Its Message-ID is made from it: a receiving system can recognise a copy sent twice. */
  notificationId: string;
  to: string;
  subject: string;
  text: string;
}

/** What the e-mail step does with the notification of an event. */
export type EmailAction =
  /** Hand it to the SMTP server. */
  | 'send'
  /** The SMTP server accepted it already (a retried or duplicated job): never again. */
  | 'already-emailed'
  /** No SMTP configured: the inbox is the only delivery. */
  | 'inbox-only'
  /** No row (removed since, e.g. a database restored): nothing to send. */
  | 'no-notification';

export function emailAction(
  notification: { emailedAt: Date | null } | undefined,
  smtpConfigured: boolean,
): EmailAction {
  if (!notification) return 'no-notification';
  if (notification.emailedAt) return 'already-emailed';
  return smtpConfigured ? 'send' : 'inbox-only';
}

/** How an SMTP error reads on a nodemailer error (it sets `permanent` from the reply code). */
export interface SmtpErrorLike {
  message?: string;
  code?: string;
  responseCode?: number;
  response?: string;
  permanent?: boolean;
}

/** Kept on the notification (`email_error`) and in the job's failure: enough to act on, bounded. */
const MAX_REASON_LENGTH = 500;

/**
 * A rejection of this message itself (its envelope or its content, with a 5xx reply other than 503)
 * will be rejected again: not retried. Everything else — the server unreachable or timing out, a 4xx
 * (greylisting, mailbox busy), credentials refused (a set-up to fix, after which the e-mail should go
 * out) — is retried with the job's back-off.
 */
export function mailFailure(error: unknown): { permanent: boolean; reason: string } {
  const e: SmtpErrorLike = typeof error === 'object' && error !== null ? error : { message: String(error) };
  const ofMessage = e.code === 'EENVELOPE' || e.code === 'EMESSAGE';
  const permanent = ofMessage && e.permanent === true;
  const detail = e.response && !(e.message ?? '').includes(e.response) ? ` (${e.response})` : '';
  const reason = `${e.code ? `${e.code}: ` : ''}${e.message ?? 'unknown error'}${detail}`.replace(
    /\s+/g,
    ' ',
  );
  return {
    permanent,
    reason: reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason,
  };
}

/** The domain of a sender such as `Masques <no-reply@masques.local>`: where Message-IDs are minted. */
export function senderDomain(from: string): string {
  return /@([^\s<>@]+?)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

export function messageIdFor(notificationId: string, from: string): string {
  return `<notification.${notificationId}@${senderDomain(from)}>`;
}

/** The start-up line's text; never the SMTP credentials. */
export function describeDelivery(smtpUrl: string | undefined, from: string): string {
  if (!smtpUrl) return 'in-app inbox only (SMTP_URL unset)';
  const url = new URL(smtpUrl);
  const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
  return `in-app inbox and e-mail through ${url.protocol}//${url.hostname}:${port}, from ${from}`;
}

/** The ids asked for that are not among those the caller owns (each once, in the order asked). */
export function unknownIds(requested: readonly string[], owned: readonly string[]): string[] {
  const mine = new Set(owned.map((id) => id.toLowerCase()));
  return [...new Set(requested.map((id) => id.toLowerCase()))].filter((id) => !mine.has(id));
}
