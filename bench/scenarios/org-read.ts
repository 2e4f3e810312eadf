import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { OrganisationKind, randomSiret } from '@masks/organisations';
import {
  gql,
  graphqlTarget,
  measure,
  startServer,
  type BenchSettings,
  type Figures,
  type ScenarioOutcome,
} from '../lib';

/**
 * org-read: an authenticated `myOrganisation` read on the real API (guards, JWT, database) against
 * the same query answered with a constant by the bare reference app.
 */
const QUERY = '{ myOrganisation { id name siret } }';

const SIGN_UP = `mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) { session { accessToken } }
}`;

/** A fresh buyer company's access token on the running API. */
export async function signUpToken(baseUrl: string): Promise<string> {
  const tag = randomBytes(4).toString('hex');
  const input = {
    organisation: {
      siret: randomSiret(),
      name: `Bench ${tag}`,
      kinds: [OrganisationKind.BUYER],
      headcount: 40,
      departmentCode: '67',
    },
    admin: {
      email: `bench-${tag}@example.test`,
      fullName: `Bench ${tag}`,
      password: 'correct horse battery staple',
    },
  };
  const response = await gql<{ signUp: { session: { accessToken: string } } }>(baseUrl, SIGN_UP, { input });
  if (!response.data) throw new Error(`sign-up failed: ${JSON.stringify(response.errors)}`);
  return response.data.signUp.session.accessToken;
}

/** Load on one app started for the purpose; `query` runs as a fresh buyer on the real API. */
export async function measureApp(
  kind: 'reference' | 'api',
  query: string,
  settings: BenchSettings,
): Promise<Figures> {
  const server = await startServer(kind);
  try {
    const token = kind === 'api' ? await signUpToken(server.url) : undefined;
    return await measure(await graphqlTarget(server.url, query, token), settings);
  } finally {
    await server.stop();
  }
}

/** The bare Nest + Apollo app answering a constant: the reference of every API scenario. */
export const measureReference = (settings: BenchSettings): Promise<Figures> =>
  measureApp('reference', QUERY, settings);

export async function orgRead(settings: BenchSettings): Promise<ScenarioOutcome> {
  // One after the other, never concurrently: they would share the same cores.
  const reference = await measureReference(settings);
  const subject = await measureApp('api', QUERY, settings);
  // For information: the bare app reading the same row with one TypeORM find, no guard, log or limit.
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const [{ id }] = (await client.query(`SELECT id FROM organisation ORDER BY created_at DESC LIMIT 1`)).rows;
  await client.end();
  const withFind = await measureApp('reference', `{ organisation(id: "${id}") { id name siret } }`, settings);
  const ratioToFind = Number((subject.rps / withFind.rps).toFixed(3));
  console.log(
    `org-read: the bare app with one TypeORM find: ${withFind.rps} req/s, p99 ${withFind.p99_ms} ms; subject/that: ${ratioToFind}`,
  );
  return {
    subject,
    reference,
    goal: 0.7,
    figures: { reference_one_find: withFind, ratio_to_one_find: ratioToFind },
  };
}
