import { startTestApp, type TestApp } from './harness/app';
import { Role } from '@masks/core';
import {
  PASSWORD,
  SIGN_UP,
  codeOf,
  createMemberWithRoles,
  login,
  signUp,
  signUpInput,
  type Actor,
} from './harness/factories';
import { everyField } from './harness/schema';

const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
const REVOKE = `mutation($t: String!) { revokeSession(refreshToken: $t) }`;
const MY_ORG = `{ myOrganisation { id name siret } }`;

describe('sign-up, login, refresh, revoke', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('signs up an organisation with its SIRET, derives SIREN, size class and region', async () => {
    const input = signUpInput({ headcount: 8, departmentCode: '2A' });
    input.organisation.siret = `${input.organisation.siret.slice(0, 3)} ${input.organisation.siret.slice(3)}`;
    const response = await app.gql<{
      signUp: { organisation: Record<string, unknown>; session: { membership: { roles: string[] } } };
    }>(SIGN_UP, { input });
    expect(response.errors).toBeUndefined();
    const organisation = response.data!.signUp.organisation;
    expect(organisation.siret).toBe(input.organisation.siret.replace(' ', ''));
    expect(organisation.siren).toBe((organisation.siret as string).slice(0, 9));
    expect(organisation).toMatchObject({ sizeClass: 'TPE', regionCode: '94' });
    expect(response.data!.signUp.session.membership.roles).toEqual(['ORG_ADMIN', 'BUYER']);
  });

  it('refuses a second organisation with the same SIRET, and a reused e-mail', async () => {
    const input = signUpInput();
    expect((await app.gql(SIGN_UP, { input })).errors).toBeUndefined();
    const sameSiret = signUpInput();
    sameSiret.organisation.siret = input.organisation.siret;
    expect(codeOf(await app.gql(SIGN_UP, { input: sameSiret }))).toBe('CONFLICT');
    const sameEmail = signUpInput();
    sameEmail.admin.email = input.admin.email.toUpperCase();
    expect(codeOf(await app.gql(SIGN_UP, { input: sameEmail }))).toBe('CONFLICT');
    const [{ count }] = await app.dataSource.query(
      `SELECT count(*)::int AS count FROM organisation WHERE siret = $1`,
      [input.organisation.siret],
    );
    expect(count).toBe(1);
  });

  it('replays a sign-up retried with the same idempotency key instead of creating twice', async () => {
    const input = signUpInput();
    const key = 'signup-retry-0001';
    const [first, second] = await Promise.all([
      app.gql(SIGN_UP, { input, key }),
      app.gql(SIGN_UP, { input, key }),
    ]);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    type Data = { signUp: { organisation: { id: string } } };
    expect((first.data as Data).signUp.organisation.id).toBe((second.data as Data).signUp.organisation.id);
    const other = signUpInput();
    expect(codeOf(await app.gql(SIGN_UP, { input: other, key }))).toBe('CONFLICT');
  });

  it('logs in, refreshes with rotation, detects reuse, and revokes', async () => {
    const actor = await signUp(app);
    expect(codeOf(await app.gql(MY_ORG, {}, { token: actor.token }))).toBeUndefined();

    const wrong = await app.gql(
      `mutation { login(input: { email: "${actor.email}", password: "wrong password!" }) { accessToken } }`,
    );
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');

    const session = await login(app, actor.email);
    const refreshed = await app.gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
      REFRESH,
      {
        t: session.refreshToken,
      },
    );
    expect(refreshed.errors).toBeUndefined();
    const next = refreshed.data!.refreshSession;
    expect((await app.gql(MY_ORG, {}, { token: next.accessToken })).errors).toBeUndefined();

    // Reusing the rotated token is treated as theft: the whole family is revoked.
    expect(codeOf(await app.gql(REFRESH, { t: session.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.gql(REFRESH, { t: next.refreshToken }))).toBe('UNAUTHENTICATED');

    // Logout revokes a fresh login's token.
    const other = await login(app, actor.email);
    expect(
      (await app.gql<{ revokeSession: boolean }>(REVOKE, { t: other.refreshToken })).data?.revokeSession,
    ).toBe(true);
    expect(codeOf(await app.gql(REFRESH, { t: other.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('lets only one of two concurrent refreshes with the same token succeed', async () => {
    const actor = await signUp(app);
    const results = await Promise.all([
      app.gql(REFRESH, { t: actor.refreshToken }),
      app.gql(REFRESH, { t: actor.refreshToken }),
    ]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
  });

  it('refuses a forged or expired access token', async () => {
    const actor = await signUp(app);
    const forged = actor.token.slice(0, -4) + (actor.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(codeOf(await app.gql(MY_ORG, {}, { token: forged }))).toBe('UNAUTHENTICATED');
  });

  it('answers every field of what signUp, login, refreshSession and acceptInvitation return, the session’s organisation included', async () => {
    const sessionFields = await everyField(app, 'Session');
    expect(sessionFields).toMatch(/membership \{.*organisation \{ .*id .*name .*\}.*user \{/);
    type SessionData = {
      accessToken: string;
      refreshToken: string;
      membership: {
        organisationId?: string;
        organisation: { id: string; name: string } | null;
        user: { email: string };
      };
    };

    // signUp: the payload's organisation and the session's are the one just registered.
    const input = signUpInput();
    const signedUp = await app.gql<{
      signUp: { organisation: { id: string; name: string }; session: SessionData };
    }>(
      `mutation($input: SignUpInput!) { signUp(input: $input) { ${await everyField(app, 'SignUpPayload')} } }`,
      { input },
    );
    expect(signedUp.errors).toBeUndefined();
    const organisation = signedUp.data!.signUp.organisation;
    expect(organisation.name).toBe(input.organisation.name);
    expect(signedUp.data!.signUp.session.membership.organisation).toMatchObject({
      id: organisation.id,
      name: input.organisation.name,
    });
    expect(signedUp.data!.signUp.session.membership.user.email).toBe(input.admin.email);

    // login, anonymous and with someone else's token: the organisation is the one logged into.
    const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { ${sessionFields} } }`;
    const stranger = await signUp(app);
    for (const auth of [undefined, { token: stranger.token }]) {
      const loggedIn = await app.gql<{ login: SessionData }>(
        LOGIN,
        { input: { email: input.admin.email, password: PASSWORD } },
        auth,
      );
      expect(loggedIn.errors).toBeUndefined();
      expect(loggedIn.data!.login.membership.organisation).toMatchObject({ id: organisation.id });
    }

    // refreshSession: the new session too.
    const session = signedUp.data!.signUp.session;
    const refreshed = await app.gql<{ refreshSession: SessionData }>(
      `mutation($t: String!) { refreshSession(refreshToken: $t) { ${sessionFields} } }`,
      { t: session.refreshToken },
    );
    expect(refreshed.errors).toBeUndefined();
    expect(refreshed.data!.refreshSession.membership.organisation).toMatchObject({ id: organisation.id });

    // acceptInvitation: the invited person's session reads the organisation they joined.
    const email = `invitee-${organisation.id.slice(0, 8)}@example.test`;
    const invited = await app.gql(
      `mutation($e: String!) { inviteMember(input: { email: $e, roles: [BUYER] }) { id } }`,
      { e: email },
      { token: session.accessToken },
    );
    expect(invited.errors).toBeUndefined();
    const [event] = await app.dataSource.query(
      `SELECT payload FROM outbox_event WHERE payload->>'recipient' = $1`,
      [email],
    );
    const invitationToken = /: (\S+)$/.exec(event.payload.body as string)![1];
    const accepted = await app.gql<{ acceptInvitation: SessionData }>(
      `mutation($t: String!) { acceptInvitation(input: { token: $t, fullName: "Invitée", password: "another long password" }) { ${sessionFields} } }`,
      { t: invitationToken },
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptInvitation.membership.organisation).toMatchObject({ id: organisation.id });
    expect(accepted.data!.acceptInvitation.membership.user.email).toBe(email);
  });

  it('still scopes the organisation of memberships read by a caller: me, and members', async () => {
    const actor = await signUp(app);
    const me = await app.gql<{ me: { organisation: { id: string } } }>(
      `{ me { organisation { id name } } }`,
      {},
      { token: actor.token },
    );
    expect(me.errors).toBeUndefined();
    expect(me.data!.me.organisation.id).toBe(actor.organisationId);
    const members = await app.gql<{ members: { edges: { node: { organisation: { id: string } } }[] } }>(
      `{ members { edges { node { organisation { id } } } } }`,
      {},
      { token: actor.token },
    );
    expect(members.errors).toBeUndefined();
    expect(members.data!.members.edges.map((edge) => edge.node.organisation.id)).toEqual([
      actor.organisationId,
    ]);
  });

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const actor = await signUp(app);
    const [row] = await app.dataSource.query(`SELECT password_hash FROM app_user WHERE email = $1`, [
      actor.email,
    ]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });
});

describe('organisation admin: members\u2019 roles and invitations', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const CHANGE = `mutation($m: ID!, $roles: [Role!]!) { changeMemberRoles(membershipId: $m, roles: $roles) { id roles } }`;
  const membershipOf = async (actor: Actor) =>
    (
      (await app.dataSource.query(
        `SELECT m.id FROM membership m JOIN app_user u ON u.id = m.user_id WHERE u.email = $1`,
        [actor.email],
      )) as { id: string }[]
    )[0].id;
  const change = (admin: Actor, membershipId: string, roles: string[]) =>
    app.gql<{ changeMemberRoles: { id: string; roles: string[] } }>(
      CHANGE,
      { m: membershipId, roles },
      { token: admin.token },
    );

  it('changes a member\u2019s roles within what the organisation may grant, audited, effective at the next refresh', async () => {
    const admin = await signUp(app);
    const member = await createMemberWithRoles(app, admin.organisationId, [Role.BUYER]);
    const memberId = await membershipOf(member);

    const promoted = await change(admin, memberId, ['BUYER', 'ORG_ADMIN']);
    expect(promoted.errors).toBeUndefined();
    expect(promoted.data!.changeMemberRoles).toEqual({ id: memberId, roles: ['BUYER', 'ORG_ADMIN'] });
    const [entry] = await app.dataSource.query(
      `SELECT before, after FROM audit_entry WHERE action = 'member.roles_changed' AND entity_id = $1`,
      [memberId],
    );
    expect(entry).toEqual({ before: { roles: ['BUYER'] }, after: { roles: ['BUYER', 'ORG_ADMIN'] } });

    // The member's current token still carries the old roles; the refreshed one has the new ones.
    const MEMBERS = `{ members { edges { node { id } } } }`;
    expect(codeOf(await app.gql(MEMBERS, {}, { token: member.token }))).toBe('FORBIDDEN');
    const refreshed = await app.gql<{ refreshSession: { accessToken: string } }>(REFRESH, {
      t: member.refreshToken,
    });
    expect(refreshed.errors).toBeUndefined();
    expect(
      (await app.gql(MEMBERS, {}, { token: refreshed.data!.refreshSession.accessToken })).errors,
    ).toBeUndefined();

    // A buyer's organisation cannot grant the supplier's or the DGE's role: refused at the field.
    const refused = await change(admin, memberId, ['SUPPLIER_MANAGER']);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(refused.errors)).toContain('roles');
    expect(codeOf(await change(admin, memberId, ['DGE_OFFICER']))).toBe('BAD_USER_INPUT');
    expect(codeOf(await change(admin, memberId, []))).toBe('BAD_USER_INPUT');

    // Another organisation's admin reads the member as absent, and changes nothing.
    const stranger = await signUp(app);
    expect(codeOf(await change(stranger, memberId, ['BUYER']))).toBe('NOT_FOUND');

    // The last ORG_ADMIN cannot go: demoting the member is fine, then the founder alone is refused.
    expect((await change(admin, memberId, ['BUYER'])).errors).toBeUndefined();
    expect(codeOf(await change(admin, await membershipOf(admin), ['BUYER']))).toBe('CONFLICT');
    const roles = await app.dataSource.query(`SELECT roles FROM membership WHERE organisation_id = $1`, [
      admin.organisationId,
    ]);
    expect(roles.filter((row: { roles: string[] }) => row.roles.includes('ORG_ADMIN'))).toHaveLength(1);
  });

  it('lets only one of two admins demoting each other at the same time succeed', async () => {
    for (let round = 0; round < 3; round++) {
      const first = await signUp(app);
      const second = await createMemberWithRoles(app, first.organisationId, [Role.ORG_ADMIN, Role.BUYER]);
      const [firstId, secondId] = [await membershipOf(first), await membershipOf(second)];
      const outcomes = await Promise.all([
        change(first, secondId, ['BUYER']),
        change(second, firstId, ['BUYER']),
      ]);
      expect(outcomes.map(codeOf).sort()).toEqual(['CONFLICT', undefined]);
      const admins = await app.dataSource.query(
        `SELECT id FROM membership WHERE organisation_id = $1 AND 'ORG_ADMIN' = ANY(roles)`,
        [first.organisationId],
      );
      expect(admins).toHaveLength(1);
    }
  });

  it('lists the organisation\u2019s invitations, newest first, by status, paged', async () => {
    const admin = await signUp(app);
    const invite = async (email: string) => {
      const invited = await app.gql<{ inviteMember: { id: string } }>(
        `mutation($e: String!) { inviteMember(input: { email: $e, roles: [BUYER] }) { id } }`,
        { e: email },
        { token: admin.token },
      );
      return invited.data!.inviteMember.id;
    };
    const tag = admin.organisationId.slice(0, 8);
    const expired = await invite(`expired-${tag}@example.test`);
    const accepted = await invite(`accepted-${tag}@example.test`);
    const pending = await invite(`pending-${tag}@example.test`);
    await app.dataSource.query(
      `UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [expired],
    );
    await app.dataSource.query(`UPDATE invitation SET accepted_at = now() WHERE id = $1`, [accepted]);
    // Another organisation's invitation never shows.
    const other = await signUp(app);
    await app.gql(
      `mutation { inviteMember(input: { email: "elsewhere@example.test", roles: [BUYER] }) { id } }`,
      {},
      { token: other.token },
    );

    type Page = {
      invitations: {
        edges: { node: { id: string; status: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const list = (variables: Record<string, unknown>) =>
      app.gql<Page>(
        `query($first: Int, $after: String, $status: InvitationStatus) { invitations(first: $first, after: $after, status: $status) { edges { node { id email roles status expiresAt acceptedAt createdAt } } pageInfo { hasNextPage endCursor } } }`,
        variables,
        { token: admin.token },
      );
    const all = await list({ first: 10 });
    expect(all.errors).toBeUndefined();
    expect(all.data!.invitations.edges.map((edge) => [edge.node.id, edge.node.status])).toEqual([
      [pending, 'PENDING'],
      [accepted, 'ACCEPTED'],
      [expired, 'EXPIRED'],
    ]);
    for (const [status, id] of [
      ['PENDING', pending],
      ['ACCEPTED', accepted],
      ['EXPIRED', expired],
    ]) {
      const page = await list({ status });
      expect(page.data!.invitations.edges.map((edge) => edge.node.id)).toEqual([id]);
    }
    const firstPage = await list({ first: 2 });
    expect(firstPage.data!.invitations.pageInfo.hasNextPage).toBe(true);
    const secondPage = await list({ first: 2, after: firstPage.data!.invitations.pageInfo.endCursor });
    expect(secondPage.data!.invitations.edges.map((edge) => edge.node.id)).toEqual([expired]);
  });
});
