import { randomBytes } from 'node:crypto';
import { Role } from '@masks/core';
import {
  AuthService,
  Membership,
  Organisation,
  OrganisationKind,
  User,
  randomSiret,
  sizeClassOf,
} from '@masks/organisations';
import type { TestApp } from './app';

export const PASSWORD = 'correct horse battery staple';

export const SIGN_UP = `mutation SignUp($input: SignUpInput!, $key: String) {
  signUp(input: $input, idempotencyKey: $key) {
    organisation { id siret siren name sizeClass regionCode kinds }
    session { accessToken refreshToken membership { id roles } }
  }
}`;

export interface Actor {
  organisationId: string;
  email: string;
  token: string;
  refreshToken: string;
}

export interface SignUpOptions {
  kinds?: OrganisationKind[];
  headcount?: number;
  departmentCode?: string;
  filiereCodes?: string[];
  name?: string;
}

export function signUpInput(options: SignUpOptions = {}) {
  const tag = randomBytes(4).toString('hex');
  return {
    organisation: {
      siret: randomSiret(),
      name: options.name ?? `Entreprise ${tag}`,
      kinds: options.kinds ?? [OrganisationKind.BUYER],
      headcount: options.headcount ?? 40,
      departmentCode: options.departmentCode ?? '67',
      filiereCodes: options.filiereCodes,
    },
    admin: { email: `admin-${tag}@example.test`, fullName: `Admin ${tag}`, password: PASSWORD },
  };
}

interface SignUpData {
  signUp: {
    organisation: { id: string };
    session: { accessToken: string; refreshToken: string };
  };
}

export async function signUp(app: TestApp, options: SignUpOptions = {}): Promise<Actor> {
  const input = signUpInput(options);
  const response = await app.gql<SignUpData>(SIGN_UP, { input });
  if (!response.data) throw new Error(`sign-up failed: ${JSON.stringify(response.errors)}`);
  return {
    organisationId: response.data.signUp.organisation.id,
    email: input.admin.email,
    token: response.data.signUp.session.accessToken,
    refreshToken: response.data.signUp.session.refreshToken,
  };
}

/** The authority cannot sign up; tests create it as operators do, then log in through the API. */
export async function createDgeOfficer(app: TestApp): Promise<Actor> {
  const auth = app.api.get(AuthService);
  const email = `dge-${randomBytes(4).toString('hex')}@example.test`;
  const organisationId = await app.dataSource.transaction(async (manager) => {
    const organisation = await manager.save(
      manager.create(Organisation, {
        siret: randomSiret(),
        siren: '000000000',
        name: 'DGE',
        kinds: [OrganisationKind.AUTHORITY],
        headcount: 1000,
        sizeClass: sizeClassOf(1000),
        departmentCode: '75',
        regionCode: '11',
        city: 'Paris',
        salesContact: null,
      }),
    );
    const user = await manager.save(
      manager.create(User, { email, fullName: 'Agent DGE', passwordHash: await auth.hashPassword(PASSWORD) }),
    );
    await manager.save(
      manager.create(Membership, {
        userId: user.id,
        organisationId: organisation.id,
        roles: [Role.ORG_ADMIN, Role.DGE_OFFICER],
        filiereCode: null,
      }),
    );
    return organisation.id;
  });
  return { organisationId, email, ...(await login(app, email)) };
}

export async function login(app: TestApp, email: string): Promise<{ token: string; refreshToken: string }> {
  const response = await app.gql<{ login: { accessToken: string; refreshToken: string } }>(
    `mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }`,
    { input: { email, password: PASSWORD } },
  );
  if (!response.data) throw new Error(`login failed: ${JSON.stringify(response.errors)}`);
  return { token: response.data.login.accessToken, refreshToken: response.data.login.refreshToken };
}

export const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }): string | undefined =>
  response.errors?.[0]?.extensions?.code;

/**
 * Certification suites: a person holding exactly `roles` in an existing organisation (e.g. a supplier
 * manager who is not admin, a buyer without admin rights), created as an accepted invitation would.
 */
export async function createMemberWithRoles(
  app: TestApp,
  organisationId: string,
  roles: Role[],
): Promise<Actor> {
  const auth = app.api.get(AuthService);
  const email = `member-${randomBytes(4).toString('hex')}@example.test`;
  await app.dataSource.transaction(async (manager) => {
    const user = await manager.save(
      manager.create(User, { email, fullName: 'Membre', passwordHash: await auth.hashPassword(PASSWORD) }),
    );
    await manager.save(
      manager.create(Membership, { userId: user.id, organisationId, roles, filiereCode: null }),
    );
  });
  return { organisationId, email, ...(await login(app, email)) };
}
