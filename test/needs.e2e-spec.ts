import { startTestApp, waitFor, type TestApp } from './harness/app';
import { codeOf, createDgeOfficer, signUp, type Actor } from './harness/factories';
import { createOffer, createProduct, inDays, setCertifiedUntil, signUpSupplier } from './harness/catalog';

const NEED_FIELDS = `id category quantity status priorityTier expiresAt covered shortfall`;
const POST_NEED = `mutation($input: NeedInput!) { postNeed(input: $input) { ${NEED_FIELDS} } }`;

interface NeedView {
  id: string;
  status: string;
  priorityTier: number;
  expiresAt: string;
  covered: number;
  shortfall: number;
}

describe('needs: suggestions, batch matching, proposals and coverage', () => {
  let app: TestApp;
  let supplier: Actor;
  let hospitalSupplier: Actor;
  let dge: Actor;
  let buyer: Actor;
  let healthBuyer: Actor;
  let offerId: string;

  const needInput = (overrides: Record<string, unknown> = {}) => ({
    category: 'SURGICAL_IIR',
    quantity: 60_000,
    deliveryDepartmentCode: '67',
    neededBy: inDays(20).toISOString(),
    maxUnitPriceMicros: 900_000,
    ...overrides,
  });
  const postNeed = async (actor: Actor, overrides: Record<string, unknown> = {}) => {
    const response = await app.gql<{ postNeed: NeedView }>(POST_NEED, { input: needInput(overrides) }, actor);
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.postNeed;
  };

  beforeAll(async () => {
    app = await startTestApp({ worker: true, env: { MATCHING_INTERVAL_MINUTES: '0' } });
    supplier = await signUpSupplier(app, { departmentCode: '67' });
    hospitalSupplier = await signUpSupplier(app, { departmentCode: '13' });
    dge = await createDgeOfficer(app);
    buyer = await signUp(app, { departmentCode: '67' });
    healthBuyer = await signUp(app, { departmentCode: '68', filiereCodes: ['technologies-sante'] });
    const productId = await createProduct(app, supplier, {
      category: 'SURGICAL_IIR',
      standardCode: 'EN14683-IIR',
    });
    await setCertifiedUntil(app, productId, inDays(120));
    offerId = await createOffer(app, supplier, productId, {
      quantity: 100_000,
      warehouseDepartmentCode: '67',
      priceTiers: [{ minQuantity: 5_000, unitPriceMicros: 600_000 }],
    });
    // An offer that cannot serve: its certification ends before any delivery.
    const expiring = await createProduct(app, hospitalSupplier, {
      category: 'SURGICAL_IIR',
      standardCode: 'EN14683-IIR',
    });
    await setCertifiedUntil(app, expiring, inDays(2));
    await createOffer(app, hospitalSupplier, expiring, {
      warehouseDepartmentCode: '13',
      leadTimeDays: 5,
      priceTiers: [{ minQuantity: 5_000, unitPriceMicros: 500_000 }],
    });
  });
  afterAll(() => app.close());

  it('a need gets ranked suggestions with reasons, and the offers it cannot use with why', async () => {
    const need = await postNeed(buyer);
    expect(need).toMatchObject({ status: 'OPEN', priorityTier: 1, covered: 0, shortfall: 60_000 });
    const response = await app.gql<{
      need: {
        suggestions: {
          ranked: { offer: { id: string }; quantity: number; explanation: string }[];
          excluded: { reasons: { code: string; message: string }[] }[];
        };
      };
    }>(
      `query($id: ID!) { need(id: $id) { suggestions { ranked { offer { id } quantity unitPriceMicros explanation } excluded { offer { id } reasons { code message } } } } }`,
      { id: need.id },
      buyer,
    );
    expect(response.errors).toBeUndefined();
    const { ranked, excluded } = response.data!.need.suggestions;
    expect(ranked.map((r) => r.offer.id)).toEqual([offerId]);
    expect(ranked[0].quantity).toBe(60_000);
    expect(ranked[0].explanation).toMatch(/60,000|60 000/);
    expect(excluded).toHaveLength(1);
    expect(excluded[0].reasons.map((r) => r.code)).toContain('CERTIFICATION_ENDS_BEFORE_DELIVERY');
    // Another company cannot read it.
    expect(
      codeOf(await app.gql(`query($id: ID!) { need(id: $id) { id } }`, { id: need.id }, healthBuyer)),
    ).toBe('NOT_FOUND');
  });

  it('a batch run serves the priority tier first, shares fairly within a tier, and an accepted proposal becomes an order', async () => {
    await app.dataSource.query(`UPDATE need SET status = 'CANCELLED'`);
    const health = await postNeed(healthBuyer, { quantity: 50_000, deliveryDepartmentCode: '68' });
    expect(health.priorityTier).toBe(0);
    const a = await postNeed(buyer, { quantity: 60_000 });
    const b = await postNeed(buyer, { quantity: 60_000 });
    expect((await app.gql(`mutation { requestMatchingRun }`, {}, buyer)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await app.gql(`mutation { requestMatchingRun }`, {}, dge)).errors).toBeUndefined();
    await waitFor(async () => (await app.dataSource.query(`SELECT 1 FROM matching_run`)).length > 0, 15_000);
    // The request is marked processed with the run, so the outbox does not hand it out again.
    await waitFor(
      async () =>
        (
          await app.dataSource.query(
            `SELECT 1 FROM outbox_event WHERE type = 'matching.run-requested' AND processed_at IS NOT NULL`,
          )
        ).length > 0,
      5_000,
    );
    const proposals: { need_id: string; quantity: number; id: string }[] = await app.dataSource.query(
      `SELECT id, need_id, quantity FROM proposal WHERE status = 'PROPOSED'`,
    );
    const byNeed = (id: string) =>
      proposals.filter((p) => p.need_id === id).reduce((sum, p) => sum + p.quantity, 0);
    // 100,000 units: the health need (tier 0) is filled; the two others share the 50,000 left.
    expect(byNeed(health.id)).toBe(50_000);
    expect(byNeed(a.id) + byNeed(b.id)).toBe(50_000);
    expect(Math.abs(byNeed(a.id) - byNeed(b.id))).toBeLessThanOrEqual(5_000);
    // Each proposal carries the run's figures, for the console to word in French, and the English sentence.
    const read = await app.gql<{
      need: { proposals: { explanation: string; reason: Record<string, unknown> }[] };
    }>(
      `query($id: ID!) { need(id: $id) { proposals { explanation reason { outcome priorityTier category requested allocated toSameTier } } } }`,
      { id: a.id },
      buyer,
    );
    const [shared] = read.data!.need.proposals;
    expect(shared.reason).toEqual({
      outcome: 'SUPPLY_EXHAUSTED',
      priorityTier: 1,
      category: 'SURGICAL_IIR',
      requested: 60_000,
      allocated: byNeed(a.id),
      toSameTier: 50_000,
    });
    expect(shared.explanation).toMatch(/^tier 1: filled to \d+% /);

    const proposal = proposals.find((p) => p.need_id === a.id)!;
    const accepted = await app.gql<{
      acceptProposal: { id: string; status: string; lines: { quantity: number }[] };
    }>(
      `mutation($id: ID!) { acceptProposal(id: $id, paymentMethod: BANK_TRANSFER) { id status lines { quantity } } }`,
      { id: proposal.id },
      buyer,
    );
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.acceptProposal.lines[0].quantity).toBe(proposal.quantity);
    const again = await app.gql(
      `mutation($id: ID!) { acceptProposal(id: $id, paymentMethod: BANK_TRANSFER) { id } }`,
      { id: proposal.id },
      buyer,
    );
    expect(codeOf(again)).toBe('CONFLICT');
    expect(
      codeOf(
        await app.gql(
          `mutation($id: ID!) { acceptProposal(id: $id, paymentMethod: BANK_TRANSFER) { id } }`,
          { id: proposal.id },
          healthBuyer,
        ),
      ),
    ).toBe('NOT_FOUND');
    const covered = await app.gql<{ need: NeedView }>(
      `query($id: ID!) { need(id: $id) { ${NEED_FIELDS} } }`,
      { id: a.id },
      buyer,
    );
    expect(covered.data!.need).toMatchObject({
      covered: proposal.quantity,
      shortfall: 60_000 - proposal.quantity,
    });
  });

  it('a need not re-confirmed expires; re-confirming pushes its expiry back', async () => {
    const need = await postNeed(buyer, { quantity: 5_000 });
    const reconfirmed = await app.gql<{ reconfirmNeed: { expiresAt: string } }>(
      `mutation($id: ID!) { reconfirmNeed(id: $id) { expiresAt } }`,
      { id: need.id },
      buyer,
    );
    expect(new Date(reconfirmed.data!.reconfirmNeed.expiresAt).getTime()).toBeGreaterThan(
      new Date(need.expiresAt).getTime(),
    );
    // The first expiry job now finds a later date and does nothing; the current one expires it.
    const events: { id: string; payload: { expiresAt: string } }[] = await app.dataSource.query(
      `SELECT id, payload FROM outbox_event WHERE type = 'need.expiry' AND payload->>'needId' = $1 ORDER BY id`,
      [need.id],
    );
    expect(events).toHaveLength(2);
    await app.dataSource.query(`UPDATE outbox_event SET run_at = now() WHERE id = $1`, [events[0].id]);
    await waitFor(
      async () =>
        (
          await app.dataSource.query(
            `SELECT 1 FROM outbox_event WHERE id = $1 AND processed_at IS NOT NULL`,
            [events[0].id],
          )
        ).length > 0,
      10_000,
    );
    expect((await app.dataSource.query(`SELECT status FROM need WHERE id = $1`, [need.id]))[0].status).toBe(
      'OPEN',
    );
    await app.dataSource.query(`UPDATE need SET expires_at = $2 WHERE id = $1`, [
      need.id,
      events[1].payload.expiresAt,
    ]);
    await app.dataSource.query(`UPDATE outbox_event SET run_at = now() WHERE id = $1`, [events[1].id]);
    await waitFor(
      async () =>
        (await app.dataSource.query(`SELECT status FROM need WHERE id = $1`, [need.id]))[0].status ===
        'EXPIRED',
      10_000,
    );
  });

  it('refuses bad needs with typed errors', async () => {
    for (const overrides of [
      { quantity: 0 },
      { quantity: -1 },
      { deliveryDepartmentCode: '00' },
      { neededBy: '2020-01-01T00:00:00Z' },
      { category: 'FFP9' },
      { maxUnitPriceMicros: 0 },
    ]) {
      expect(codeOf(await app.gql(POST_NEED, { input: needInput(overrides) }, buyer))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await app.gql(POST_NEED, { input: needInput() }, supplier))).toBe('FORBIDDEN');
    // The services' refusals name their reason, with the figures a client words it with.
    const past = await app.gql(POST_NEED, { input: needInput({ neededBy: '2020-01-01T00:00:00Z' }) }, buyer);
    expect(past.errors![0]).toMatchObject({
      message: 'neededBy must be in the future',
      extensions: {
        field: 'neededBy',
        reason: 'NEEDED_BY_IN_PAST',
        fields: { neededBy: ['neededBy must be in the future'] },
        reasons: { neededBy: [{ reason: 'NEEDED_BY_IN_PAST' }] },
      },
    });
    const unknown = await app.gql(POST_NEED, { input: needInput({ deliveryDepartmentCode: '00' }) }, buyer);
    expect(unknown.errors![0].extensions).toMatchObject({
      field: 'deliveryDepartmentCode',
      reasons: { deliveryDepartmentCode: [{ reason: 'UNKNOWN_DEPARTMENT', args: { departmentCode: '00' } }] },
    });
  });
});
