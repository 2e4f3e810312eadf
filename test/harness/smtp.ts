import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The SMTP envelope. */
  mailFrom: string;
  rcptTo: string[];
  /** The parsed message. */
  from: { name: string; address: string };
  to: string[];
  subject: string;
  text: string;
  messageId: string;
  headers: Map<string, unknown>;
}

export interface TestSmtpServer {
  /** `smtp://user:pass@127.0.0.1:port` */
  url: string;
  received: ReceivedMail[];
  mailsTo(address: string): ReceivedMail[];
  /** RCPT TO for this address is answered `code` until accept() (451: try later; 550: refused for good). */
  refuse(address: string, code: number): void;
  accept(address: string): void;
  /** How many times RCPT TO was refused for this address. */
  refusalsOf(address: string): number;
  close(): Promise<void>;
}

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : []).flatMap((group) =>
    group.value.map((entry) => entry.address ?? ''),
  );

/**
 * A real SMTP server on a free loopback port (no STARTTLS; AUTH PLAIN/LOGIN over the plain
 * connection), keeping every message it accepts, parsed. Recipients can be refused on demand.
 */
export async function startSmtpServer(credentials: { user: string; pass: string }): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const refusing = new Map<string, number>();
  const refusals = new Map<string, number>();
  const key = (address: string) => address.toLowerCase();
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
      }
    },
    onRcptTo(address, _session, callback) {
      const code = refusing.get(key(address.address));
      if (code === undefined) return callback();
      refusals.set(key(address.address), (refusals.get(key(address.address)) ?? 0) + 1);
      callback(Object.assign(new Error(`Mailbox unavailable (test ${code})`), { responseCode: code }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const sender = mail.from?.value[0];
          received.push({
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: { name: sender?.name ?? '', address: sender?.address ?? '' },
            to: addresses(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            messageId: mail.messageId ?? '',
            headers: mail.headers,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const user = encodeURIComponent(credentials.user);
  const pass = encodeURIComponent(credentials.pass);
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    received,
    mailsTo: (address) => received.filter((mail) => mail.rcptTo.some((rcpt) => key(rcpt) === key(address))),
    refuse: (address, code) => void refusing.set(key(address), code),
    accept: (address) => void refusing.delete(key(address)),
    refusalsOf: (address) => refusals.get(key(address)) ?? 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
