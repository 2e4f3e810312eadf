import { startTestApp, type TestApp } from './harness/app';
import { PASSWORD, SIGN_UP, codeOf, login, signUp, signUpInput } from './harness/factories';

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

  it('stores passwords as argon2id hashes, never in clear', async () => {
    const actor = await signUp(app);
    const [row] = await app.dataSource.query(`SELECT password_hash FROM app_user WHERE email = $1`, [
      actor.email,
    ]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });
});
