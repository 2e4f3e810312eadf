import { startTestApp, type TestApp } from './harness/app';
import { codeOf, createDgeOfficer, login, signUp, type Actor } from './harness/factories';
import {
  createOffer,
  createProduct,
  inDays,
  offerInput,
  productInput,
  setCertifiedUntil,
} from './harness/catalog';
import { placeOrder } from './harness/orders';
import { evidenceInput } from './harness/certification';

type ActorName =
  | 'anonymous'
  | 'buyerAdmin'
  | 'buyerMember'
  | 'supplierAdmin'
  | 'groupAdmin'
  | 'referent'
  | 'dge'
  | 'keyRead'
  | 'keyCatalog'
  | 'supplierKeyOrders'
  | 'buyerKeyCatalog'
  | 'buyerKeyOrders';
const USERS: ActorName[] = ['buyerAdmin', 'buyerMember', 'supplierAdmin', 'groupAdmin', 'referent', 'dge'];
const ADMINS: ActorName[] = ['buyerAdmin', 'supplierAdmin', 'groupAdmin', 'referent', 'dge'];
const SUPPLIER: ActorName[] = ['supplierAdmin', 'keyCatalog'];
const BUYERS: ActorName[] = ['buyerAdmin', 'buyerMember', 'groupAdmin', 'referent'];
const KEYS: ActorName[] = ['keyRead', 'keyCatalog', 'supplierKeyOrders', 'buyerKeyCatalog', 'buyerKeyOrders'];

interface Operation {
  name: string;
  query: string;
  variables?: (ids: Record<string, string>) => Record<string, unknown>;
  allowed: ActorName[];
  /** May call it, but the object belongs to another tenant: it reads as not found. */
  notFound?: ActorName[];
  /** What the allowed get once past the gate, when the fixtures make the move itself illegal. */
  passedGateAnswer?: string;
}

/** Every operation so far, with who may call it. Anything else must be refused. */
const OPERATIONS: Operation[] = [
  {
    name: 'filieres',
    query: `{ filieres { code } }`,
    allowed: ['anonymous', ...USERS, ...KEYS],
  },
  { name: 'myOrganisation', query: `{ myOrganisation { id } }`, allowed: [...USERS, 'keyRead'] },
  { name: 'me', query: `{ me { id roles } }`, allowed: USERS },
  // A person's own inbox: every user, no API key (an organisation's machine has no inbox).
  {
    name: 'myNotifications',
    query: `{ myNotifications(first: 5) { edges { node { id } } } }`,
    allowed: USERS,
  },
  { name: 'myUnreadNotificationCount', query: `{ myUnreadNotificationCount }`, allowed: USERS },
  { name: 'markNotificationsRead', query: `mutation { markNotificationsRead(ids: []) }`, allowed: USERS },
  { name: 'markAllNotificationsRead', query: `mutation { markAllNotificationsRead }`, allowed: USERS },
  { name: 'organisations', query: `{ organisations(first: 5) { edges { node { id } } } }`, allowed: USERS },
  {
    name: 'organisation',
    query: `query($id: ID!) { organisation(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.self }),
    allowed: USERS,
  },
  {
    name: 'updateMyOrganisation',
    query: `mutation { updateMyOrganisation(input: { city: "Lyon" }) { id } }`,
    allowed: ADMINS,
  },
  { name: 'members', query: `{ members { edges { node { id user { email } } } } }`, allowed: ADMINS },
  {
    name: 'inviteMember',
    query: `mutation($e: String!) { inviteMember(input: { email: $e, roles: [ORG_ADMIN] }) { id } }`,
    variables: (ids) => ({
      e: `invitee-${ids.self.slice(0, 8)}-${Math.random().toString(36).slice(2)}@example.test`,
    }),
    allowed: ADMINS,
  },
  // Only an admin of the member's own organisation; other admins read the member as not found.
  {
    name: 'changeMemberRoles',
    query: `mutation($m: ID!) { changeMemberRoles(membershipId: $m, roles: [BUYER]) { id roles } }`,
    variables: (ids) => ({ m: ids.buyerMemberMembershipId }),
    allowed: ['buyerAdmin'],
    notFound: ['supplierAdmin', 'groupAdmin', 'referent', 'dge'],
  },
  {
    name: 'invitations',
    query: `{ invitations(first: 5, status: PENDING) { edges { node { id email status } } } }`,
    allowed: ADMINS,
  },
  { name: 'apiKeys', query: `{ apiKeys { id } }`, allowed: ADMINS },
  {
    name: 'createApiKey',
    query: `mutation { createApiKey(input: { name: "erp", scopes: [CATALOG_WRITE] }) { secret } }`,
    allowed: ADMINS,
  },
  { name: 'auditLog', query: `{ auditLog(first: 5) { edges { node { id action } } } }`, allowed: ADMINS },
  // A supplier's account for bank transfers: its admins (and, to read it, supplier managers) only.
  { name: 'myBankDetails', query: `{ myBankDetails { iban } }`, allowed: ['supplierAdmin'] },
  {
    name: 'setMyBankDetails',
    query: `mutation { setMyBankDetails(input: { accountHolder: "Fournisseur SAS", iban: "FR7630006000011234567890189", bic: "AGRIFRPP" }) { iban } }`,
    allowed: ['supplierAdmin'],
  },
  {
    name: 'subcontractingLinks',
    query: `{ subcontractingLinks { id } }`,
    allowed: [...ADMINS, 'buyerMember'],
  },
  {
    name: 'appointFiliereReferent',
    query: `mutation($e: String!) { appointFiliereReferent(email: $e, filiereCode: "automobile") { id } }`,
    variables: (ids) => ({ e: ids.referentEmail }),
    allowed: ['dge'],
  },
  { name: 'revokeAllMySessions', query: `mutation { revokeAllMySessions }`, allowed: USERS },
  // Catalog: suppliers write (users with the supplier role, or a catalog:write key); every user searches.
  {
    name: 'maskStandards',
    query: `{ maskStandards { code } }`,
    allowed: ['anonymous', ...USERS, ...KEYS],
  },
  // A publishable key is meant for every page: anyone may learn it (null here: Stripe is not configured).
  {
    name: 'paymentSettings',
    query: `{ paymentSettings { stripePublishableKey stripeJsUrl } }`,
    allowed: ['anonymous', ...USERS, ...KEYS],
  },
  {
    name: 'createProduct',
    query: `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`,
    variables: () => ({ input: productInput() }),
    allowed: SUPPLIER,
  },
  {
    name: 'updateProduct',
    query: `mutation($id: ID!, $input: ProductInput!) { updateProduct(id: $id, input: $input) { id } }`,
    variables: (ids) => ({ id: ids.productId, input: productInput({ model: 'renamed' }) }),
    allowed: SUPPLIER,
  },
  { name: 'myProducts', query: `{ myProducts(first: 5) { edges { node { id } } } }`, allowed: SUPPLIER },
  {
    name: 'product',
    query: `query($id: ID!) { product(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.productId }),
    allowed: ['supplierAdmin', 'dge'],
    notFound: ['buyerAdmin', 'buyerMember', 'groupAdmin', 'referent'],
  },
  {
    name: 'createOffer',
    query: `mutation($input: OfferInput!) { createOffer(input: $input) { id } }`,
    variables: (ids) => ({ input: offerInput(ids.productId) }),
    allowed: SUPPLIER,
  },
  {
    name: 'updateOfferTerms',
    query: `mutation($id: ID!, $input: OfferTermsInput!) { updateOfferTerms(id: $id, input: $input) { id } }`,
    variables: (ids) => {
      const { productId: _, quantity: __, ...terms } = offerInput(ids.productId);
      return { id: ids.offerId, input: terms };
    },
    allowed: SUPPLIER,
  },
  {
    name: 'recordStockMovement',
    query: `mutation($id: ID!) { recordStockMovement(input: { offerId: $id, kind: RECEIPT, quantity: 5000 }) { onHand } }`,
    variables: (ids) => ({ id: ids.offerId }),
    allowed: SUPPLIER,
  },
  {
    name: 'upsertOffers',
    query: `mutation($input: OfferUpsertInput!) { upsertOffers(input: $input) { created } }`,
    variables: (ids) => {
      const { quantity, ...terms } = offerInput(ids.productId);
      return {
        input: {
          rows: [{ ...terms, onHand: quantity, externalRef: `M-${Math.random().toString(36).slice(2)}` }],
        },
      };
    },
    allowed: SUPPLIER,
  },
  { name: 'myOffers', query: `{ myOffers(first: 5) { edges { node { id } } } }`, allowed: SUPPLIER },
  { name: 'offers', query: `{ offers(first: 5) { edges { node { id } } } }`, allowed: USERS },
  {
    name: 'offer',
    query: `query($id: ID!) { offer(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.offerId }),
    allowed: USERS,
  },
  {
    name: 'stockMovements',
    query: `query($id: ID!) { stockMovements(offerId: $id) { edges { node { id } } } }`,
    variables: (ids) => ({ id: ids.offerId }),
    allowed: [...SUPPLIER, 'dge'],
  },
  // Orders and needs: buyers order and post needs; each side reads its own orders; the DGE reads all.
  {
    name: 'placeOrder',
    query: `mutation($id: ID!) { placeOrder(input: { lines: [{ offerId: $id, quantity: 5000 }], paymentMethod: BANK_TRANSFER, deliveryDepartmentCode: "67" }) { id } }`,
    variables: (ids) => ({ id: ids.offerId }),
    // A buyer's orders:write key too; a supplier's is refused (the gate checks the organisation's kind).
    allowed: [...BUYERS, 'buyerKeyOrders'],
  },
  { name: 'orders', query: `{ orders(first: 5) { edges { node { id } } } }`, allowed: USERS },
  {
    name: 'order',
    query: `query($id: ID!) { order(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.orderId }),
    allowed: ['buyerAdmin', 'buyerMember', 'supplierAdmin', 'dge'],
    notFound: ['groupAdmin', 'referent'],
  },
  {
    name: 'postNeed',
    query: `mutation($by: DateTime!) { postNeed(input: { category: FFP2, quantity: 10000, deliveryDepartmentCode: "67", neededBy: $by }) { id } }`,
    variables: () => ({ by: inDays(30).toISOString() }),
    allowed: [...BUYERS, 'buyerKeyOrders'],
  },
  {
    name: 'needsList',
    query: `{ needsList(first: 5) { edges { node { id } } } }`,
    allowed: [...BUYERS, 'dge'],
  },
  { name: 'requestMatchingRun', query: `mutation { requestMatchingRun }`, allowed: ['dge'] },
  { name: 'latestMatchingRun', query: `{ latestMatchingRun { id } }`, allowed: ['dge'] },
  { name: 'shortage', query: `{ shortage { departmentCode } }`, allowed: ['dge'] },
  {
    name: 'withdrawOffer',
    query: `mutation($id: ID!) { withdrawOffer(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.offerId }),
    allowed: SUPPLIER,
  },
  {
    name: 'republishOffer',
    query: `mutation($id: ID!) { republishOffer(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.offerId }),
    allowed: SUPPLIER,
  },
  // One side of the market. ORG_ADMIN, catalog:write or orders:write say nothing of the side, the
  // organisation's kind does: a buyer's admin (buyerAdmin, groupAdmin, referent) or a buyer's key is
  // refused by the gate (FORBIDDEN), never let through to a lookup that answers NOT_FOUND.
  {
    name: 'submitCertification',
    query: `mutation($input: CertificationEvidenceInput!) { submitCertification(input: $input) { id } }`,
    variables: (ids) => ({ input: evidenceInput(ids.productId) }),
    allowed: SUPPLIER,
  },
  {
    name: 'certifications',
    query: `{ certifications(first: 5) { edges { node { id } } } }`,
    allowed: [...SUPPLIER, 'dge'],
  },
  {
    name: 'expiringCertifications',
    query: `{ expiringCertifications(withinDays: 30) { edges { node { id } } } }`,
    allowed: [...SUPPLIER, 'dge'],
  },
  {
    name: 'certificationDecisions',
    query: `{ certificationDecisions(first: 5) { edges { node { id } } } }`,
    allowed: [...SUPPLIER, 'dge'],
  },
  {
    name: 'confirmOrder',
    query: `mutation($id: ID!) { confirmOrder(id: $id) { id } }`,
    variables: (ids) => ({ id: ids.orderId }),
    allowed: ['supplierAdmin', 'supplierKeyOrders'],
    // The order is not paid yet.
    passedGateAnswer: 'CONFLICT',
  },
  {
    name: 'recordDeliveries',
    query: `mutation($id: ID!) { recordDeliveries(input: { orderIds: [$id] }) }`,
    variables: (ids) => ({ id: ids.orderId }),
    allowed: ['supplierAdmin', 'supplierKeyOrders'],
    // The order is not shipped yet.
    passedGateAnswer: 'BAD_USER_INPUT',
  },
];

describe('authorisation matrix and tenant isolation', () => {
  let app: TestApp;
  const actors = {} as Record<ActorName, { token?: string; apiKey?: string; organisationId?: string }>;
  let buyer: Actor;
  let supplier: Actor;
  let group: Actor;
  let referentActor: Actor;
  let outsider: Actor;
  const catalog = { productId: '', offerId: '', orderId: '', buyerMemberMembershipId: '' };

  beforeAll(async () => {
    app = await startTestApp();
    buyer = await signUp(app, { filiereCodes: ['automobile'] });
    supplier = await signUp(app, { kinds: ['MANUFACTURER' as never], filiereCodes: ['mode-luxe'] });
    group = await signUp(app, { kinds: ['LARGE_GROUP' as never], headcount: 9000 });
    referentActor = await signUp(app);
    outsider = await signUp(app, { filiereCodes: ['bois'] });
    const dge = await createDgeOfficer(app);
    const appointed = await app.gql(
      `mutation($e: String!) { appointFiliereReferent(email: $e, filiereCode: "automobile") { roles filiereCode } }`,
      { e: referentActor.email },
      { token: dge.token },
    );
    expect(appointed.errors).toBeUndefined();

    // A plain buyer (no admin role) joins through an invitation; the token is read from the e-mail.
    const invited = await app.gql(
      `mutation { inviteMember(input: { email: "plain.buyer@example.test", roles: [BUYER] }) { id } }`,
      {},
      { token: buyer.token },
    );
    expect(invited.errors).toBeUndefined();
    const [event] = await app.dataSource.query(
      `SELECT payload FROM outbox_event WHERE payload->>'recipient' = 'plain.buyer@example.test'`,
    );
    const invitationToken = /: (\S+)$/.exec(event.payload.body as string)![1];
    const accepted = await app.gql<{
      acceptInvitation: { accessToken: string; membership: { id: string; roles: string[] } };
    }>(
      `mutation($t: String!) { acceptInvitation(input: { token: $t, fullName: "Plain Buyer", password: "another long password" }) { accessToken membership { id roles } } }`,
      { t: invitationToken },
    );
    expect(accepted.data?.acceptInvitation.membership.roles).toEqual(['BUYER']);
    catalog.buyerMemberMembershipId = accepted.data!.acceptInvitation.membership.id;

    const key = async (scope: string, owner: Actor = supplier) => {
      const created = await app.gql<{ createApiKey: { secret: string } }>(
        `mutation { createApiKey(input: { name: "erp", scopes: [${scope}] }) { secret } }`,
        {},
        { token: owner.token },
      );
      return created.data!.createApiKey.secret;
    };
    catalog.productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, catalog.productId, inDays(30));
    catalog.offerId = await createOffer(app, supplier, catalog.productId, { quantity: 100_000 });
    const placed = await placeOrder(app, buyer, [{ offerId: catalog.offerId, quantity: 5_000 }]);
    catalog.orderId = placed.data!.placeOrder.id;
    Object.assign(actors, {
      anonymous: {},
      buyerAdmin: { token: buyer.token, organisationId: buyer.organisationId },
      buyerMember: {
        token: accepted.data!.acceptInvitation.accessToken,
        organisationId: buyer.organisationId,
      },
      supplierAdmin: { token: supplier.token, organisationId: supplier.organisationId },
      groupAdmin: { token: group.token, organisationId: group.organisationId },
      referent: {
        token: (await login(app, referentActor.email)).token,
        organisationId: referentActor.organisationId,
      },
      dge: { token: dge.token, organisationId: dge.organisationId },
      keyRead: { apiKey: await key('ORGANISATION_READ'), organisationId: supplier.organisationId },
      keyCatalog: { apiKey: await key('CATALOG_WRITE'), organisationId: supplier.organisationId },
      supplierKeyOrders: { apiKey: await key('ORDERS_WRITE'), organisationId: supplier.organisationId },
      // A buyer may create keys with any scope; the gate, not the key, knows the organisation's side.
      buyerKeyCatalog: { apiKey: await key('CATALOG_WRITE', buyer), organisationId: buyer.organisationId },
      buyerKeyOrders: { apiKey: await key('ORDERS_WRITE', buyer), organisationId: buyer.organisationId },
    });
  });
  afterAll(() => app.close());

  const cases = OPERATIONS.flatMap((operation) =>
    (
      Object.keys({
        anonymous: 1,
        buyerAdmin: 1,
        buyerMember: 1,
        supplierAdmin: 1,
        groupAdmin: 1,
        referent: 1,
        dge: 1,
        keyRead: 1,
        keyCatalog: 1,
        supplierKeyOrders: 1,
        buyerKeyCatalog: 1,
        buyerKeyOrders: 1,
      }) as ActorName[]
    ).map((actor) => [operation.name, actor, operation] as const),
  );

  it.each(cases)('%s as %s', async (_name, actorName, operation) => {
    const actor = actors[actorName];
    const ids = {
      self: actor.organisationId ?? buyer.organisationId,
      referentEmail: referentActor.email,
      ...catalog,
    };
    const response = await app.gql(operation.query, operation.variables?.(ids), actor);
    const code = codeOf(response);
    if (operation.allowed.includes(actorName) && operation.passedGateAnswer) {
      expect(code).toBe(operation.passedGateAnswer);
    } else if (operation.allowed.includes(actorName)) {
      expect({ code, errors: response.errors }).toEqual({ code: undefined, errors: undefined });
    } else if (operation.notFound?.includes(actorName)) {
      expect(code).toBe('NOT_FOUND');
    } else {
      expect(code).toBe(actorName === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      // Nothing is returned (a nullable field comes back null rather than the whole data).
      expect(Object.values(response.data ?? {}).filter((value) => value !== null)).toEqual([]);
    }
  });

  const ORGANISATION = `query($id: ID!) { organisation(id: $id) { id name } }`;

  it("reads another tenant's organisation as not found", async () => {
    const response = await app.gql(ORGANISATION, { id: supplier.organisationId }, { token: buyer.token });
    expect(codeOf(response)).toBe('NOT_FOUND');
    const unknown = await app.gql(
      ORGANISATION,
      { id: '00000000-0000-4000-8000-000000000000' },
      { token: buyer.token },
    );
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    expect(unknown.errors![0].message).toBe(
      response.errors![0].message.replace(supplier.organisationId, '00000000-0000-4000-8000-000000000000'),
    );
  });

  it('lets a referent see the companies of their filière only, and the DGE everything', async () => {
    const referentToken = actors.referent.token;
    expect(
      (await app.gql(ORGANISATION, { id: buyer.organisationId }, { token: referentToken })).errors,
    ).toBeUndefined();
    expect(
      codeOf(await app.gql(ORGANISATION, { id: outsider.organisationId }, { token: referentToken })),
    ).toBe('NOT_FOUND');
    const list = await app.gql<{ organisations: { edges: { node: { id: string } }[] } }>(
      `{ organisations(first: 100) { edges { node { id } } } }`,
      {},
      { token: referentToken },
    );
    const ids = list.data!.organisations.edges.map((edge) => edge.node.id).sort();
    expect(ids).toEqual([buyer.organisationId, referentActor.organisationId].sort());
    for (const id of [buyer.organisationId, supplier.organisationId, outsider.organisationId]) {
      expect((await app.gql(ORGANISATION, { id }, { token: actors.dge.token })).errors).toBeUndefined();
    }
  });

  it('lets a large group see a subcontractor only once the subcontractor confirmed the link', async () => {
    const siret = (
      await app.dataSource.query(`SELECT siret FROM organisation WHERE id = $1`, [outsider.organisationId])
    )[0].siret;
    const proposed = await app.gql<{ proposeSubcontractor: { id: string; status: string } }>(
      `mutation($s: String!) { proposeSubcontractor(siret: $s) { id status } }`,
      { s: siret },
      { token: group.token },
    );
    expect(proposed.data?.proposeSubcontractor.status).toBe('PENDING');
    expect(codeOf(await app.gql(ORGANISATION, { id: outsider.organisationId }, { token: group.token }))).toBe(
      'NOT_FOUND',
    );
    // Only a large group may propose; only the named subcontractor may confirm.
    expect(
      codeOf(
        await app.gql(
          `mutation($s: String!) { proposeSubcontractor(siret: $s) { id } }`,
          { s: siret },
          { token: buyer.token },
        ),
      ),
    ).toBe('FORBIDDEN');
    const linkId = proposed.data!.proposeSubcontractor.id;
    const CONFIRM = `mutation($id: ID!) { confirmSubcontracting(linkId: $id) { status group { name } } }`;
    expect(codeOf(await app.gql(CONFIRM, { id: linkId }, { token: buyer.token }))).toBe('NOT_FOUND');
    const confirmed = await app.gql<{ confirmSubcontracting: { status: string } }>(
      CONFIRM,
      { id: linkId },
      { token: outsider.token },
    );
    expect(confirmed.data?.confirmSubcontracting.status).toBe('ACTIVE');
    expect(
      (await app.gql(ORGANISATION, { id: outsider.organisationId }, { token: group.token })).errors,
    ).toBeUndefined();
  });

  it('scopes the audit log: an admin reads their organisation only; a revoked API key stops working', async () => {
    const log = await app.gql<{
      auditLog: { edges: { node: { organisationId: string; action: string } }[] };
    }>(`{ auditLog(first: 100) { edges { node { organisationId action } } } }`, {}, { token: buyer.token });
    const entries = log.data!.auditLog.edges.map((edge) => edge.node);
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((entry) => entry.organisationId))).toEqual(new Set([buyer.organisationId]));
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['organisation.registered', 'member.invited']),
    );
    // Names beside the ids, batched: the organisation's, and the person who acted.
    const named = await app.gql<{
      auditLog: { edges: { node: { action: string; actorName: string | null; organisationName: string } }[] };
    }>(
      `{ auditLog(first: 100) { edges { node { action actorName organisationName } } } }`,
      {},
      {
        token: buyer.token,
      },
    );
    const [{ name }] = await app.dataSource.query(`SELECT name FROM organisation WHERE id = $1`, [
      buyer.organisationId,
    ]);
    const [{ full_name: admin }] = await app.dataSource.query(
      `SELECT u.full_name FROM app_user u JOIN audit_entry a ON a.actor_user_id = u.id
        WHERE a.action = 'member.invited' AND a.organisation_id = $1 LIMIT 1`,
      [buyer.organisationId],
    );
    const nodes = named.data!.auditLog.edges.map((edge) => edge.node);
    expect(new Set(nodes.map((node) => node.organisationName))).toEqual(new Set([name]));
    expect(nodes.find((node) => node.action === 'member.invited')?.actorName).toBe(admin);

    const keys = await app.gql<{ apiKeys: { id: string }[] }>(
      `{ apiKeys { id } }`,
      {},
      { token: supplier.token },
    );
    for (const { id } of keys.data!.apiKeys) {
      expect(
        (
          await app.gql(
            `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
            { id },
            { token: supplier.token },
          )
        ).errors,
      ).toBeUndefined();
    }
    expect(codeOf(await app.gql(`{ myOrganisation { id } }`, {}, { apiKey: actors.keyRead.apiKey }))).toBe(
      'UNAUTHENTICATED',
    );
    // Another organisation's key reads as not found.
    expect(
      codeOf(
        await app.gql(
          `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
          { id: keys.data!.apiKeys[0].id },
          { token: buyer.token },
        ),
      ),
    ).toBe('NOT_FOUND');
  });
});
