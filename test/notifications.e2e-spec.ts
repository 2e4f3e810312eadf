import { randomBytes } from 'node:crypto';
import {
  Mailer,
  NOTIFICATION_STORED,
  NotificationProcessor,
  QUEUES,
  QueueRegistry,
  notificationEvent,
  recordEvents,
  type NotificationRequest,
  type OutboxJob,
} from '@masks/core';
import { startTestApp, waitFor, type TestApp } from './harness/app';
import { codeOf, SIGN_UP, signUp, signUpInput, type Actor } from './harness/factories';
import { signUpSupplier } from './harness/catalog';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from './harness/smtp';

const MAIL_FROM = '"Masques, essai" <notifications@masques.test>';

const INBOX = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    edges { cursor node { id subject body createdAt readAt emailedAt } }
    pageInfo { hasNextPage endCursor }
  }
  myUnreadNotificationCount
}`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
const MARK_ALL = `mutation { markAllNotificationsRead }`;
/** The supplier invites: a person joins it as its supplier manager. */
const INVITE = `mutation($e: String!) { inviteMember(input: { email: $e, roles: [SUPPLIER_MANAGER] }) { id } }`;
const ACCEPT = `mutation($t: String!) { acceptInvitation(input: { token: $t, fullName: "Nouvelle Personne", password: "another long password" }) { accessToken } }`;
const SET_BANK = `mutation($input: BankDetailsInput!) { setMyBankDetails(input: $input) { iban } }`;
const BANK = {
  accountHolder: 'Filtration Anjou SAS',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'agrifrpp',
};

interface InboxNode {
  id: string;
  subject: string;
  body: string;
  createdAt: string;
  readAt: string | null;
  emailedAt: string | null;
}
interface InboxView {
  myNotifications: {
    edges: { cursor: string; node: InboxNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
  myUnreadNotificationCount: number;
}
interface StoredRow {
  id: string;
  event_id: string;
  user_id: string | null;
  emailed_at: Date | null;
  email_attempts: number;
  email_error: string | null;
}

const tag = () => randomBytes(4).toString('hex');

/** Every notification event stored and no notification job left to run (a failed one is done with). */
async function settled(app: TestApp): Promise<void> {
  const queue = app.worker!.get(QueueRegistry).queue(QUEUES.notifications);
  await waitFor(
    async () => {
      const [{ pending }] = await app.dataSource.query(
        `SELECT count(*)::int AS pending FROM outbox_event WHERE queue = $1 AND processed_at IS NULL`,
        [QUEUES.notifications],
      );
      if (pending) return false;
      const counts = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      return Object.values(counts).every((count) => count === 0);
    },
    60_000,
    'notifications settled',
  );
}

const rowsTo = (app: TestApp, recipient: string): Promise<StoredRow[]> =>
  app.dataSource.query(
    `SELECT id, event_id::text, user_id, emailed_at, email_attempts, email_error FROM notification
     WHERE lower(recipient) = lower($1) ORDER BY created_at`,
    [recipient],
  );

async function inbox(
  app: TestApp,
  token: string,
  variables: Record<string, unknown> = {},
): Promise<InboxView> {
  const response = await app.gql<InboxView>(INBOX, variables, { token });
  expect(response.errors).toBeUndefined();
  return response.data!;
}

const userIdOf = async (app: TestApp, email: string): Promise<string> =>
  (await app.dataSource.query(`SELECT id FROM app_user WHERE lower(email) = lower($1)`, [email]))[0].id;

function expectSentByThePlatform(mail: ReceivedMail, recipient: string): void {
  expect(mail.rcptTo).toEqual([recipient]);
  expect(mail.to).toEqual([recipient]);
  expect(mail.from).toEqual({ name: 'Masques, essai', address: 'notifications@masques.test' });
  expect(mail.mailFrom).toBe('notifications@masques.test');
  expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
  expect(mail.messageId).toMatch(/^<notification\.[0-9a-f-]{36}@masques\.test>$/);
}

describe('notifications: in-app inbox and e-mail through SMTP', () => {
  let smtp: TestSmtpServer;
  let app: TestApp;
  let supplier: Actor;

  beforeAll(async () => {
    smtp = await startSmtpServer({ user: 'masques', pass: 'smtp secret/with:signs' });
    app = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url, MAIL_FROM } });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('says at start-up that notifications go to the inbox and by e-mail, without the credentials', () => {
    const described = app.worker!.get(Mailer).description;
    expect(described).toBe(
      `in-app inbox and e-mail through smtp://127.0.0.1:${new URL(smtp.url).port}, from ${MAIL_FROM}`,
    );
  });

  it('e-mails a sign-up, an invitation and bank details once each, and keeps them in the right inbox', async () => {
    supplier = await signUpSupplier(app);
    await waitFor(() => smtp.mailsTo(supplier.email).length === 1, 60_000, 'the welcome e-mail');
    const invitee = `new-${tag()}@example.test`;
    expect((await app.gql(INVITE, { e: invitee }, { token: supplier.token })).errors).toBeUndefined();
    expect((await app.gql(SET_BANK, { input: BANK }, { token: supplier.token })).errors).toBeUndefined();
    await waitFor(
      () => smtp.mailsTo(supplier.email).length >= 2 && smtp.mailsTo(invitee).length >= 1,
      60_000,
      'the invitation and bank-details e-mails',
    );
    await settled(app);

    // Once each, from MAIL_FROM, to the recipient alone.
    const [welcome, bank] = smtp.mailsTo(supplier.email);
    expect(smtp.mailsTo(supplier.email)).toHaveLength(2);
    const [invitation] = smtp.mailsTo(invitee);
    expect(smtp.mailsTo(invitee)).toHaveLength(1);
    for (const mail of [welcome, bank]) expectSentByThePlatform(mail, supplier.email);
    expectSentByThePlatform(invitation, invitee);
    expect(welcome.subject).toMatch(
      /^Bienvenue sur la place de marché des masques — Entreprise [0-9a-f]{8}$/,
    );
    expect(welcome.text).toMatch(/^Votre organisation \(SIRET \d{14}\) est inscrite\./);
    expect(bank.subject).toMatch(/^Entreprise [0-9a-f]{8} : coordonnées bancaires enregistrées$/);
    expect(bank.text).toContain('BIC AGRIFRPP');
    expect(bank.text).toContain('titulaire Filtration Anjou SAS');
    expect(invitation.subject).toMatch(/^Invitation à rejoindre Entreprise [0-9a-f]{8}$/);

    // The e-mail carries a working invitation code.
    const code = /code d'invitation \(valable 7 jours\) : (\S+)$/.exec(invitation.text.trim())?.[1];
    const accepted = await app.gql<{ acceptInvitation: { accessToken: string } }>(ACCEPT, { t: code });
    expect(accepted.errors).toBeUndefined();

    // The supplier's inbox: both, newest first, unread, e-mailed, the same text as the e-mails.
    const view = await inbox(app, supplier.token);
    expect(view.myUnreadNotificationCount).toBe(2);
    const nodes = view.myNotifications.edges.map((edge) => edge.node);
    expect(nodes.map((node) => [node.subject, node.body])).toEqual([
      [bank.subject, bank.text.trim()],
      [welcome.subject, welcome.text.trim()],
    ]);
    for (const node of nodes) {
      expect(node.readAt).toBeNull();
      expect(node.emailedAt).not.toBeNull();
    }
    // The invitation went to a person without an account then: in no one's inbox, not even theirs now.
    const [invitationRow] = await rowsTo(app, invitee);
    expect(invitationRow).toMatchObject({ user_id: null, email_attempts: 1, email_error: null });
    expect(invitationRow.emailed_at).not.toBeNull();
    const newcomer = await inbox(app, accepted.data!.acceptInvitation.accessToken);
    expect(newcomer).toEqual({
      myNotifications: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
      myUnreadNotificationCount: 0,
    });
    expect(await rowsTo(app, supplier.email)).toEqual([
      expect.objectContaining({ user_id: await userIdOf(app, supplier.email), email_attempts: 1 }),
      expect.objectContaining({ user_id: await userIdOf(app, supplier.email), email_attempts: 1 }),
    ]);
  });

  it('pages the inbox newest first, marks read, and counts what is left', async () => {
    const first = await inbox(app, supplier.token, { first: 1 });
    expect(first.myNotifications.edges.map((edge) => edge.node.subject)).toEqual([
      expect.stringMatching(/coordonnées bancaires/),
    ]);
    expect(first.myNotifications.pageInfo.hasNextPage).toBe(true);
    const second = await inbox(app, supplier.token, {
      first: 1,
      after: first.myNotifications.pageInfo.endCursor,
    });
    expect(second.myNotifications.edges.map((edge) => edge.node.subject)).toEqual([
      expect.stringMatching(/^Bienvenue/),
    ]);
    expect(second.myNotifications.pageInfo.hasNextPage).toBe(false);

    const bankId = first.myNotifications.edges[0].node.id;
    expect((await app.gql(MARK, { ids: [bankId] }, { token: supplier.token })).data).toEqual({
      markNotificationsRead: 1,
    });
    // Already read: nothing more to mark.
    expect((await app.gql(MARK, { ids: [bankId] }, { token: supplier.token })).data).toEqual({
      markNotificationsRead: 0,
    });
    const after = await inbox(app, supplier.token);
    expect(after.myUnreadNotificationCount).toBe(1);
    expect(after.myNotifications.edges[0].node.readAt).not.toBeNull();
    const unread = await inbox(app, supplier.token, { unreadOnly: true });
    expect(unread.myNotifications.edges.map((edge) => edge.node.subject)).toEqual([
      expect.stringMatching(/^Bienvenue/),
    ]);

    expect(codeOf(await app.gql(MARK, { ids: ['not-an-id'] }, { token: supplier.token }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await app.gql(`{ myUnreadNotificationCount }`))).toBe('UNAUTHENTICATED');
  });

  it('shows another person none of them and lets them mark none of them', async () => {
    const other = await signUp(app);
    await waitFor(
      async () => (await inbox(app, other.token)).myUnreadNotificationCount === 1,
      60_000,
      'the other person’s welcome in their inbox',
    );
    const theirs = await inbox(app, other.token);
    const ownId = theirs.myNotifications.edges[0].node.id;
    expect(theirs.myNotifications.edges).toHaveLength(1);
    expect(theirs.myNotifications.edges[0].node.body).not.toContain('coordonnées');

    const supplierIds = (await inbox(app, supplier.token)).myNotifications.edges.map((edge) => edge.node.id);
    const refused = await app.gql(MARK, { ids: [supplierIds[1]] }, { token: other.token });
    expect(codeOf(refused)).toBe('NOT_FOUND');
    expect(refused.data).toBeNull();
    // All or nothing: their own id in the same call is not marked either.
    expect(codeOf(await app.gql(MARK, { ids: [ownId, supplierIds[1]] }, { token: other.token }))).toBe(
      'NOT_FOUND',
    );
    expect((await inbox(app, other.token)).myUnreadNotificationCount).toBe(1);
    // Marking all of theirs leaves the supplier's alone.
    expect((await app.gql(MARK_ALL, {}, { token: other.token })).data).toEqual({
      markAllNotificationsRead: 1,
    });
    expect((await inbox(app, other.token)).myUnreadNotificationCount).toBe(0);
    expect((await inbox(app, supplier.token)).myUnreadNotificationCount).toBe(1);

    // A notification to their address in other letter cases still finds their inbox.
    const shouted = other.email.toUpperCase();
    expect((await app.gql(INVITE, { e: shouted }, { token: supplier.token })).errors).toBeUndefined();
    await waitFor(() => smtp.mailsTo(shouted).length === 2, 60_000, 'the invitation to an existing account');
    await settled(app);
    const invited = await inbox(app, other.token, { unreadOnly: true });
    expect(invited.myUnreadNotificationCount).toBe(1);
    expect(invited.myNotifications.edges[0].node.subject).toMatch(/^Invitation à rejoindre/);
    // To the address as written (nodemailer lowercases the domain only).
    expect(smtp.mailsTo(shouted)[1].rcptTo).toEqual([shouted.replace(/@.*$/, '@example.test')]);

    expect((await app.gql(MARK_ALL, {}, { token: supplier.token })).data).toEqual({
      markAllNotificationsRead: 1,
    });
    expect((await app.gql(MARK_ALL, {}, { token: supplier.token })).data).toEqual({
      markAllNotificationsRead: 0,
    });
    expect((await inbox(app, supplier.token)).myUnreadNotificationCount).toBe(0);
  });

  it('keeps the notification once while the SMTP server refuses, and e-mails it once when it accepts', async () => {
    const input = signUpInput();
    const email = input.admin.email;
    smtp.refuse(email, 451);
    const signedUp = await app.gql<{ signUp: { session: { accessToken: string } } }>(SIGN_UP, { input });
    expect(signedUp.errors).toBeUndefined();
    const token = signedUp.data!.signUp.session.accessToken;
    await waitFor(() => smtp.refusalsOf(email) >= 2, 60_000, 'two refused attempts');
    await waitFor(async () => (await rowsTo(app, email))[0]?.email_attempts >= 2, 30_000, 'attempts counted');

    // Refused so far: in the inbox already, not e-mailed, the reason kept.
    const [waiting] = await rowsTo(app, email);
    expect(await rowsTo(app, email)).toHaveLength(1);
    expect(waiting.emailed_at).toBeNull();
    expect(waiting.email_error).toMatch(/451/);
    const pending = await inbox(app, token);
    expect(pending.myUnreadNotificationCount).toBe(1);
    expect(pending.myNotifications.edges[0].node.emailedAt).toBeNull();
    expect(smtp.mailsTo(email)).toHaveLength(0);

    smtp.accept(email);
    await waitFor(() => smtp.mailsTo(email).length > 0, 60_000, 'the e-mail after retries');
    await settled(app);
    expect(smtp.mailsTo(email)).toHaveLength(1);
    expectSentByThePlatform(smtp.mailsTo(email)[0], email);
    const rows = await rowsTo(app, email);
    expect(rows).toHaveLength(1);
    expect(rows[0].email_attempts).toBe(smtp.refusalsOf(email) + 1);
    expect(rows[0].email_error).toBeNull();
    expect(rows[0].emailed_at).not.toBeNull();
    const delivered = await inbox(app, token);
    expect(delivered.myNotifications.edges).toHaveLength(1);
    expect(delivered.myNotifications.edges[0].node.emailedAt).not.toBeNull();
    expect(
      Number(
        (
          await app.dataSource.query(`SELECT count(*) AS n FROM processed_event WHERE event_id = $1`, [
            rows[0].event_id,
          ])
        )[0].n,
      ),
    ).toBe(1);
  });

  it('does not retry an e-mail the server refuses for good; the inbox keeps it', async () => {
    const bounce = `bounce-${tag()}@example.test`;
    smtp.refuse(bounce, 550);
    expect((await app.gql(INVITE, { e: bounce }, { token: supplier.token })).errors).toBeUndefined();
    const queue = app.worker!.get(QueueRegistry).queue(QUEUES.notifications);
    let eventId = '';
    await waitFor(
      async () => {
        const [row] = await rowsTo(app, bounce);
        eventId = row?.event_id ?? '';
        if (!row?.email_error) return false;
        const failed = await queue.getFailed();
        return failed.some((job) => (job.data as OutboxJob).eventId === eventId);
      },
      60_000,
      'the refused e-mail’s job failed',
    );
    const job = (await queue.getFailed()).find((failed) => (failed.data as OutboxJob).eventId === eventId)!;
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/550/);
    expect(await rowsTo(app, bounce)).toEqual([
      expect.objectContaining({
        emailed_at: null,
        email_attempts: 1,
        email_error: expect.stringMatching(/550/),
      }),
    ]);
    expect(smtp.refusalsOf(bounce)).toBe(1);
    expect(smtp.mailsTo(bounce)).toHaveLength(0);
    smtp.accept(bounce);
  });

  it('sends an e-mail once however often its job runs, concurrent runs included', async () => {
    const processor = app.worker!.get(NotificationProcessor);
    const recipient = supplier.email;
    const before = smtp.mailsTo(recipient).length;
    const request: NotificationRequest = { recipient, subject: `Rappel ${tag()}`, body: 'Une seule fois.' };
    const [eventId] = await app.dataSource.transaction((manager) =>
      recordEvents(manager, [notificationEvent(request)]),
    );
    const job = { data: { eventId, type: 'notification.requested', payload: request } };
    // Two deliveries of the same job race the one the relay publishes.
    await Promise.all([processor.process(job), processor.process(job)]);
    await settled(app);
    await processor.process(job);
    expect(smtp.mailsTo(recipient).filter((mail) => mail.subject === request.subject)).toHaveLength(1);
    expect(smtp.mailsTo(recipient)).toHaveLength(before + 1);
    expect(
      await app.dataSource.query(`SELECT consumer FROM processed_event WHERE event_id = $1`, [eventId]),
    ).toEqual([{ consumer: NOTIFICATION_STORED }]);
    const rows = (await rowsTo(app, recipient)).filter((row) => row.event_id === eventId);
    expect(rows).toEqual([expect.objectContaining({ email_attempts: 1, email_error: null })]);
  });
});

describe('notifications without SMTP_URL: the in-app inbox only', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
  });
  afterAll(() => app?.close());

  it('stores and shows every notification, e-mails none, and says so', async () => {
    expect(app.worker!.get(Mailer).description).toBe('in-app inbox only (SMTP_URL unset)');
    const actor = await signUp(app);
    await waitFor(
      async () => (await inbox(app, actor.token)).myUnreadNotificationCount === 1,
      60_000,
      'the welcome in the inbox',
    );
    await settled(app);
    const view = await inbox(app, actor.token);
    expect(view.myNotifications.edges[0].node).toMatchObject({
      subject: expect.stringMatching(/^Bienvenue/),
      readAt: null,
      emailedAt: null,
    });
    expect(await rowsTo(app, actor.email)).toEqual([
      expect.objectContaining({ emailed_at: null, email_attempts: 0, email_error: null }),
    ]);
  });
});
