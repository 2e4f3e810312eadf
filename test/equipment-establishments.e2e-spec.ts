import { startTestApp, type TestApp } from './harness/app';
import { codeOf, signUpInput } from './harness/factories';
import { createRegionalAgency, establishmentSignUpInput, randomFiness } from './harness/equipment';

const SIGN_UP = `mutation($input: SignUpInput!) {
  signUp(input: $input) {
    organisation { id finess kinds departmentCode regionCode }
    session { accessToken membership { roles } }
  }
}`;
const UPDATE = `mutation($input: UpdateOrganisationInput!) { updateMyOrganisation(input: $input) { departmentCode } }`;

interface SignedUp {
  signUp: {
    organisation: {
      id: string;
      finess: string | null;
      kinds: string[];
      departmentCode: string;
      regionCode: string;
    };
    session: { accessToken: string; membership: { roles: string[] } };
  };
}

describe('health establishments (FINESS) and regional health agencies', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app?.close());

  const organisationCount = async () =>
    Number((await app.dataSource.query(`SELECT count(*) AS n FROM organisation`))[0].n);

  it('registers a health establishment by its FINESS number, placed in its department and region', async () => {
    const input = establishmentSignUpInput('2A');
    const typed = `${input.organisation.finess.slice(0, 3).toLowerCase()} ${input.organisation.finess.slice(3)}`;
    const response = await app.gql<SignedUp>(SIGN_UP, {
      input: { ...input, organisation: { ...input.organisation, finess: typed } },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?.signUp.organisation).toMatchObject({
      finess: input.organisation.finess,
      kinds: ['HEALTH_ESTABLISHMENT'],
      departmentCode: '2A',
      regionCode: '94',
    });
    expect(response.data?.signUp.session.membership.roles).toEqual(['ORG_ADMIN', 'EQUIPMENT_MANAGER']);
  });

  it('refuses a missing, malformed or misplaced FINESS, and a FINESS on another kind, creating nothing', async () => {
    const before = await organisationCount();
    const attempts: [Record<string, unknown>, string][] = [
      [{ finess: undefined }, 'organisation.finess'],
      [{ finess: '670780001' }, 'organisation.finess'],
      [{ finess: '2C0000014' }, 'organisation.finess'],
      [{ finess: randomFiness('68') }, 'organisation.departmentCode'],
    ];
    for (const [change, field] of attempts) {
      const input = establishmentSignUpInput('67');
      const response = await app.gql(SIGN_UP, {
        input: { ...input, organisation: { ...input.organisation, ...change } },
      });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0].extensions?.field).toBe(field.replace('organisation.', ''));
    }
    const buyer = signUpInput({ departmentCode: '67' });
    const withFiness = await app.gql(SIGN_UP, {
      input: { ...buyer, organisation: { ...buyer.organisation, finess: randomFiness('67') } },
    });
    expect(codeOf(withFiness)).toBe('BAD_USER_INPUT');
    expect(await organisationCount()).toBe(before);
  });

  it('refuses a second organisation with the same FINESS number as a conflict', async () => {
    const first = establishmentSignUpInput('974');
    expect((await app.gql(SIGN_UP, { input: first })).errors).toBeUndefined();
    const before = await organisationCount();
    const second = establishmentSignUpInput('974', first.organisation.finess);
    const response = await app.gql(SIGN_UP, { input: second });
    expect(codeOf(response)).toBe('CONFLICT');
    expect(response.errors?.[0].extensions?.field).toBe('organisation.finess');
    expect(await organisationCount()).toBe(before);
  });

  it('keeps an establishment in its FINESS department', async () => {
    const input = establishmentSignUpInput('67');
    const signed = await app.gql<SignedUp>(SIGN_UP, { input });
    const token = signed.data!.signUp.session.accessToken;
    const moved = await app.gql(UPDATE, { input: { departmentCode: '68' } }, { token });
    expect(codeOf(moved)).toBe('BAD_USER_INPUT');
    const [row] = await app.dataSource.query(`SELECT department_code FROM organisation WHERE finess = $1`, [
      input.organisation.finess,
    ]);
    expect(row.department_code).toBe('67');
  });

  it('creates regional health agencies by operators only', async () => {
    const input = signUpInput({ kinds: ['REGIONAL_HEALTH_AGENCY' as never], departmentCode: '67' });
    expect(codeOf(await app.gql(SIGN_UP, { input }))).toBe('BAD_USER_INPUT');
    const agency = await createRegionalAgency(app, '67');
    const [row] = await app.dataSource.query(`SELECT kinds, region_code FROM organisation WHERE id = $1`, [
      agency.organisationId,
    ]);
    expect(row).toEqual({ kinds: ['REGIONAL_HEALTH_AGENCY'], region_code: '44' });
  });
});
