import { inflateSync } from 'node:zlib';
import { Role } from '@masks/core';
import { startTestApp, waitFor, type TestApp } from './harness/app';
import { codeOf, createDgeOfficer, createMemberWithRoles, signUp, type Actor } from './harness/factories';
import { createOffer, createProduct, inDays, setCertifiedUntil, signUpSupplier } from './harness/catalog';
import { waitForStatus } from './harness/orders';

const SET = `mutation($input: BankDetailsInput!) { setMyBankDetails(input: $input) { accountHolder iban bic updatedAt } }`;
const MINE = `{ myBankDetails { accountHolder iban bic updatedAt } }`;
const BANK_TRANSFER = `query($id: ID!) { order(id: $id) { number paymentMethod bankTransfer { reference account { accountHolder iban bic } } } }`;

const FIRST = {
  accountHolder: 'Filtration Anjou SAS',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'agrifrpp',
};
const FIRST_STORED = {
  accountHolder: 'Filtration Anjou SAS',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
};
const SECOND = { accountHolder: 'Filtration Anjou SAS', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' };

type BankTransferView = {
  order: {
    number: string;
    paymentMethod: string;
    bankTransfer: {
      reference: string;
      account: { accountHolder: string; iban: string; bic: string } | null;
    } | null;
  };
};

// pdfkit deflates each content stream and writes text runs as hex codes in the standard fonts' WinAnsi
// encoding (latin-1, plus € ’ — at 0x80, 0x92, 0x97): inflate the streams, then decode the runs.
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
    const bytes = Buffer.from(m[1], 'latin1');
    try {
      return inflateSync(bytes).toString('latin1');
    } catch {
      return bytes.toString('latin1');
    }
  });
  return streams
    .flatMap((content) => [...content.matchAll(/<([0-9a-f]+)>/g)])
    .map((m) =>
      Buffer.from(m[1], 'hex')
        .toString('latin1')
        .replace(/\x80/g, '€')
        .replace(/\x92/g, '’')
        .replace(/\x97/g, '—'),
    )
    .join('')
    .replace(/\u00a0/g, ' ');
}

describe('suppliers’ bank details on bank-transfer orders and their invoices', () => {
  let app: TestApp;
  let supplier: Actor;
  let supplierManager: Actor;
  let buyer: Actor;
  let otherBuyer: Actor;
  let dge: Actor;
  let offerId: string;

  const invoicePdf = async (actor: Actor, orderId: string): Promise<Buffer> => {
    let response: Response | undefined;
    await waitFor(
      async () => {
        response = await fetch(`${app.url}/orders/${orderId}/invoice.pdf`, {
          headers: { authorization: `Bearer ${actor.token}` },
        });
        return response.status === 200;
      },
      15_000,
      `invoice of ${orderId}`,
    );
    return Buffer.from(await response!.arrayBuffer());
  };
  const transferOf = async (actor: Actor, id: string) => {
    const response = await app.gql<BankTransferView>(BANK_TRANSFER, { id }, actor);
    expect(response.errors).toBeUndefined();
    return response.data!.order;
  };
  /** A bank-transfer order; the placeOrder answer itself carries the transfer instructions. */
  const order = async () => {
    const placed = await app.gql<{
      placeOrder: { id: string; number: string; bankTransfer: BankTransferView['order']['bankTransfer'] };
    }>(
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id number bankTransfer { reference account { accountHolder iban bic } } } }`,
      {
        input: {
          lines: [{ offerId, quantity: 5_000 }],
          paymentMethod: 'BANK_TRANSFER',
          deliveryDepartmentCode: '44',
        },
      },
      buyer,
    );
    expect(placed.errors).toBeUndefined();
    return placed.data!.placeOrder;
  };
  const auditEntries = async () => {
    const log = await app.gql<{
      auditLog: {
        edges: { node: { action: string; before: unknown; after: unknown; actorUserId: string } }[];
      };
    }>(
      `{ auditLog(first: 50, action: "organisation.bank-details-set") { edges { node { action before after actorUserId } } } }`,
      {},
      supplier,
    );
    expect(log.errors).toBeUndefined();
    return log.data!.auditLog.edges.map((edge) => edge.node);
  };

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    supplier = await signUpSupplier(app);
    supplierManager = await createMemberWithRoles(app, supplier.organisationId, [Role.SUPPLIER_MANAGER]);
    buyer = await signUp(app, { departmentCode: '44' });
    otherBuyer = await signUp(app);
    dge = await createDgeOfficer(app);
    const productId = await createProduct(app, supplier);
    await setCertifiedUntil(app, productId, inDays(90));
    offerId = await createOffer(app, supplier, productId, { quantity: 1_000_000 });
  });
  afterAll(() => app.close());

  it('an order placed while the supplier has no bank details says so (null account) and still gives the reference', async () => {
    expect((await app.gql(MINE, {}, supplier)).data).toEqual({ myBankDetails: null });
    const placed = await order();
    expect(placed.bankTransfer).toEqual({ reference: placed.number, account: null });
    const view = await transferOf(buyer, placed.id);
    expect(view.bankTransfer).toEqual({ reference: placed.number, account: null });
    await waitForStatus(app, buyer, placed.id, 'INVOICED');
    const text = pdfText(await invoicePdf(buyer, placed.id));
    expect(text).toContain('non déclarées par le vendeur');
    expect(text).toContain(`Référence à indiquer sur le virement : ${placed.number}`);
  });

  it('a supplier admin declares valid details (normalised, audited); both sides of a transfer order see them with the reference, and the invoice prints them', async () => {
    const set = await app.gql<{ setMyBankDetails: typeof FIRST_STORED }>(SET, { input: FIRST }, supplier);
    expect(set.errors).toBeUndefined();
    expect(set.data!.setMyBankDetails).toMatchObject(FIRST_STORED);
    expect((await app.gql(MINE, {}, supplierManager)).data).toMatchObject({ myBankDetails: FIRST_STORED });

    const entries = await auditEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ before: null, after: FIRST_STORED });
    expect(entries[0].actorUserId).toBeTruthy();
    // Every admin of the supplier is told: a changed account is the classic payment fraud.
    await waitFor(
      async () =>
        (
          await app.dataSource.query(
            `SELECT 1 FROM outbox_event WHERE payload->>'recipient' = $1 AND payload->>'subject' LIKE '%coordonnées bancaires enregistrées'`,
            [supplier.email],
          )
        ).length === 1,
      5_000,
      'notice to the supplier admin',
    );

    const placed = await order();
    expect(placed.number).toMatch(/^CMD-\d{8}$/);
    const expected = { reference: placed.number, account: FIRST_STORED };
    for (const actor of [buyer, supplier, dge]) {
      const view = await transferOf(actor, placed.id);
      expect(view).toMatchObject({ paymentMethod: 'BANK_TRANSFER', bankTransfer: expected });
    }
    expect(placed.bankTransfer).toEqual(expected);
    // Another company still reads the order as not found.
    const answer = await app.gql<BankTransferView>(BANK_TRANSFER, { id: placed.id }, otherBuyer);
    expect(codeOf(answer)).toBe('NOT_FOUND');

    await waitForStatus(app, buyer, placed.id, 'INVOICED');
    for (const actor of [buyer, supplier]) {
      const text = pdfText(await invoicePdf(actor, placed.id));
      expect(text).toContain('IBAN : FR76 3000 6000 0112 3456 7890 189 — BIC : AGRIFRPP');
      expect(text).toContain('Virement à l’ordre de : Filtration Anjou SAS');
      expect(text).toContain(`Référence à indiquer sur le virement : ${placed.number}`);
    }
    // The buyer's invoice notice says where to pay, and with which reference.
    await waitFor(
      async () =>
        (
          await app.dataSource.query(
            `SELECT 1 FROM outbox_event WHERE payload->>'recipient' = $1 AND payload->>'body' LIKE $2`,
            [
              buyer.email,
              `%référence ${placed.number} sur le compte de Filtration Anjou SAS, IBAN FR76 3000%`,
            ],
          )
        ).length === 1,
      5_000,
      'invoice notice with the account',
    );
  });

  it('refuses an invalid IBAN and an invalid BIC with BAD_USER_INPUT and a plain message, changing nothing', async () => {
    const before = (await app.gql<{ myBankDetails: unknown }>(MINE, {}, supplier)).data!.myBankDetails;
    const auditBefore = (await auditEntries()).length;
    const cases = [
      { input: { ...SECOND, iban: 'DE89370400440532013001' }, field: 'iban', message: /check digits/ },
      { input: { ...SECOND, iban: 'FR76 3000 6000 0112' }, field: 'iban', message: /FR has 27 characters/ },
      { input: { ...SECOND, bic: 'COBADEF' }, field: 'bic', message: /8 or 11 characters/ },
      { input: { ...SECOND, bic: 'COBAXXFF' }, field: 'bic', message: /"XX" is not one/ },
      { input: { ...SECOND, accountHolder: '   ' }, field: 'accountHolder', message: /holder/ },
    ];
    for (const { input, field, message } of cases) {
      const response = await app.gql(SET, { input }, supplier);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0].extensions!.field).toBe(field);
      expect(response.errors![0].message).toMatch(message);
      expect(response.errors![0].message).not.toMatch(/ibantools|Error|at /);
      expect(response.data).toBeNull();
    }
    // The reason as data, with its figures, at the field.
    const short = await app.gql(SET, { input: { ...SECOND, iban: 'FR76 3000 6000 0112' } }, supplier);
    expect(short.errors![0].extensions).toMatchObject({
      field: 'iban',
      reasons: { iban: [{ reason: 'IBAN_LENGTH', args: { country: 'FR', expected: 27, length: 16 } }] },
    });
    expect((await app.gql<{ myBankDetails: unknown }>(MINE, {}, supplier)).data!.myBankDetails).toEqual(
      before,
    );
    expect(await auditEntries()).toHaveLength(auditBefore);
  });

  it('only the supplier’s own admins may set them: a buyer admin is refused, so is a supplier manager who is not admin', async () => {
    const before = (await app.gql<{ myBankDetails: unknown }>(MINE, {}, supplier)).data!.myBankDetails;
    const auditBefore = (await auditEntries()).length;
    // The mutation acts on the caller's own organisation only, and a buyer's admin is refused at the gate
    // (the operation is for suppliers): it has no way to reach a supplier's account.
    const byBuyer = await app.gql(SET, { input: SECOND }, buyer);
    expect(codeOf(byBuyer)).toBe('FORBIDDEN');
    expect(byBuyer.errors![0].message).toMatch(/for organisations of kind MANUFACTURER/);
    // The role gate: a supplier manager without the admin role.
    expect(codeOf(await app.gql(SET, { input: SECOND }, supplierManager))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(SET, { input: SECOND }))).toBe('UNAUTHENTICATED');
    // Nor read them outside its own orders.
    expect(codeOf(await app.gql(MINE, {}, buyer))).toBe('FORBIDDEN');
    expect((await app.gql<{ myBankDetails: unknown }>(MINE, {}, supplier)).data!.myBankDetails).toEqual(
      before,
    );
    expect(await auditEntries()).toHaveLength(auditBefore);
    expect(
      await app.dataSource.query(`SELECT 1 FROM supplier_bank_details WHERE organisation_id = $1`, [
        buyer.organisationId,
      ]),
    ).toEqual([]);
  });

  it('a changed IBAN applies to orders placed from then on; earlier orders and their invoices keep the account in force when they were placed', async () => {
    const earlier = await order();
    await waitForStatus(app, buyer, earlier.id, 'INVOICED');
    const earlierPdf = await invoicePdf(buyer, earlier.id);

    const changed = await app.gql(SET, { input: SECOND }, supplier);
    expect(changed.errors).toBeUndefined();
    const entries = await auditEntries();
    expect(entries[0]).toMatchObject({ before: FIRST_STORED, after: SECOND });
    // Setting the same details again changes nothing and writes no entry.
    expect((await app.gql(SET, { input: SECOND }, supplier)).errors).toBeUndefined();
    expect(await auditEntries()).toHaveLength(entries.length);

    expect((await transferOf(buyer, earlier.id)).bankTransfer).toEqual({
      reference: earlier.number,
      account: FIRST_STORED,
    });
    const again = await fetch(`${app.url}/orders/${earlier.id}/invoice.pdf`, {
      headers: { authorization: `Bearer ${buyer.token}` },
    });
    expect(Buffer.from(await again.arrayBuffer()).equals(earlierPdf)).toBe(true);

    const later = await order();
    expect((await transferOf(supplier, later.id)).bankTransfer).toEqual({
      reference: later.number,
      account: SECOND,
    });
    await waitForStatus(app, buyer, later.id, 'INVOICED');
    const text = pdfText(await invoicePdf(buyer, later.id));
    expect(text).toContain('IBAN : DE89 3704 0044 0532 0130 00 — BIC : COBADEFFXXX');
    expect(text).toContain(`Référence à indiquer sur le virement : ${later.number}`);
    expect(later.number).not.toBe(earlier.number);
  });
});
