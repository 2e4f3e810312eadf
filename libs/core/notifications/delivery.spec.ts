import {
  describeDelivery,
  emailAction,
  mailFailure,
  messageIdFor,
  senderDomain,
  unknownIds,
} from './delivery';
import { LogMailer, mailerFor, SmtpMailer } from './mailer';

describe('notification delivery rules', () => {
  it('e-mails a stored notification once, and only with SMTP', () => {
    expect(emailAction({ emailedAt: null }, true)).toBe('send');
    expect(emailAction({ emailedAt: new Date() }, true)).toBe('already-emailed');
    expect(emailAction({ emailedAt: null }, false)).toBe('inbox-only');
    expect(emailAction(undefined, true)).toBe('no-notification');
  });

  it('gives up only on a rejection of the message itself', () => {
    const refused = { code: 'EENVELOPE', responseCode: 550, permanent: true, message: 'Recipient refused' };
    expect(mailFailure(refused).permanent).toBe(true);
    expect(mailFailure({ ...refused, code: 'EMESSAGE' }).permanent).toBe(true);
    // Greylisting, a busy mailbox, 503: tried again.
    expect(mailFailure({ ...refused, responseCode: 451, permanent: false }).permanent).toBe(false);
    // Credentials refused (535 is 5xx too): a set-up to fix, after which the e-mail should go out.
    expect(mailFailure({ code: 'EAUTH', responseCode: 535, permanent: true, message: 'x' }).permanent).toBe(
      false,
    );
    expect(mailFailure({ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }).permanent).toBe(false);
    expect(mailFailure(new Error('boom'))).toEqual({ permanent: false, reason: 'boom' });
    expect(mailFailure('odd')).toEqual({ permanent: false, reason: 'odd' });
  });

  it('says why, with the server’s reply, bounded', () => {
    expect(
      mailFailure({ code: 'EENVELOPE', message: 'Recipient command failed', response: '451 4.3.0 later' })
        .reason,
    ).toBe('EENVELOPE: Recipient command failed (451 4.3.0 later)');
    expect(mailFailure({ message: 'x'.repeat(2000) }).reason).toHaveLength(500);
  });

  it('mints Message-IDs in the sender’s domain', () => {
    expect(senderDomain('Masques <no-reply@masques.local>')).toBe('masques.local');
    expect(senderDomain('ops@example.fr')).toBe('example.fr');
    expect(messageIdFor('abc', 'Masques <no-reply@masques.local>')).toBe('<notification.abc@masques.local>');
  });

  it('describes the set-up without the credentials', () => {
    expect(describeDelivery(undefined, 'x@y')).toBe('in-app inbox only (SMTP_URL unset)');
    const described = describeDelivery('smtp://user:secret@mail.example.fr:2525', 'Masques <a@b.fr>');
    expect(described).toBe(
      'in-app inbox and e-mail through smtp://mail.example.fr:2525, from Masques <a@b.fr>',
    );
    expect(describeDelivery('smtps://u:p@mail.example.fr', 'a@b.fr')).toMatch(
      /smtps:\/\/mail\.example\.fr:465/,
    );
    expect(describeDelivery('smtp://mail.example.fr', 'a@b.fr')).toMatch(/smtp:\/\/mail\.example\.fr:587/);
  });

  it('finds the ids that are not the caller’s', () => {
    const a = '0b6f3c52-8a4e-4c39-9d6f-1f2a3b4c5d6e';
    const b = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
    expect(unknownIds([a, b, a.toUpperCase()], [a])).toEqual([b]);
    expect(unknownIds([a], [a])).toEqual([]);
  });

  it('uses SMTP when SMTP_URL is set, the log otherwise', () => {
    expect(mailerFor({ mailFrom: 'a@b.fr' })).toBeInstanceOf(LogMailer);
    const smtp = mailerFor({ smtpUrl: 'smtp://u:p@127.0.0.1:2525', mailFrom: 'a@b.fr' });
    expect(smtp).toBeInstanceOf(SmtpMailer);
    expect(smtp.emails).toBe(true);
    (smtp as SmtpMailer).onApplicationShutdown();
  });
});
