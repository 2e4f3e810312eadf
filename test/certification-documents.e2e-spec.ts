import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@masks/core';
import { startTestApp, type TestApp } from './harness/app';
import { createDgeOfficer, createMemberWithRoles, signUp, type Actor } from './harness/factories';
import { createProduct, signUpSupplier } from './harness/catalog';
import { submitEvidence } from './harness/certification';

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from('rapport d’essai DGA n° 2020-117\n%%EOF\n'),
]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);

interface Caller {
  token?: string;
  apiKey?: string;
}

function headersOf(caller: Caller): Record<string, string> {
  if (caller.token) return { authorization: `Bearer ${caller.token}` };
  if (caller.apiKey) return { 'x-api-key': caller.apiKey };
  return {};
}

describe('certification documents over HTTP', () => {
  let app: TestApp;
  let dir: string;
  let supplier: Actor;
  let otherSupplier: Actor;
  let buyer: Actor;
  let dge: Actor;
  let certificationId: string;

  const upload = async (
    caller: Caller,
    options: { id?: string; content?: Buffer; type?: string; name?: string; kind?: string } = {},
  ) => {
    const form = new FormData();
    if (options.kind !== '') form.append('kind', options.kind ?? 'TEST_REPORT');
    if (options.content !== undefined) {
      form.append(
        'file',
        new Blob([options.content], { type: options.type ?? 'application/pdf' }),
        options.name ?? 'rapport.pdf',
      );
    }
    const response = await fetch(`${app.url}/certifications/${options.id ?? certificationId}/documents`, {
      method: 'POST',
      headers: headersOf(caller),
      body: form,
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown> & {
        errors?: { extensions: { code: string }; message: string }[];
      },
    };
  };
  const download = (caller: Caller, id: string) =>
    fetch(`${app.url}/documents/${id}`, { headers: headersOf(caller) });
  const documentCount = async () =>
    Number((await app.dataSource.query(`SELECT count(*) FROM certification_document`))[0].count);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'masks-documents-'));
    app = await startTestApp({ env: { DOCUMENTS_DIR: dir } });
    supplier = await signUpSupplier(app);
    otherSupplier = await signUpSupplier(app);
    buyer = await signUp(app);
    dge = await createDgeOfficer(app);
    certificationId = await submitEvidence(app, supplier, await createProduct(app, supplier));
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores an upload under its content hash, never under the client’s name, and lists it on the certification', async () => {
    const { status, body } = await upload(supplier, { content: PDF, name: '../../etc/passwd.pdf' });
    expect(status).toBe(201);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    expect(body).toMatchObject({
      certificationId,
      kind: 'TEST_REPORT',
      filename: 'passwd.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256,
    });
    expect(body).not.toHaveProperty('storageKey');
    expect(existsSync(join(dir, sha256.slice(0, 2), sha256))).toBe(true);
    expect(readdirSync(dir)).toEqual([sha256.slice(0, 2)]);

    const listed = await app.gql<{
      certification: { documents: { id: string; filename: string; sha256: string }[] };
    }>(
      `query($id: ID!) { certification(id: $id) { documents { id filename sha256 kind } } }`,
      { id: certificationId },
      supplier,
    );
    expect(listed.data!.certification.documents).toEqual([
      { id: body.id, filename: 'passwd.pdf', sha256, kind: 'TEST_REPORT' },
    ]);
    expect(
      await app.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'certification.document-uploaded' AND entity_id = $1`,
        [certificationId],
      ),
    ).toEqual([{ n: 1 }]);
  });

  it('accepts an upload from the supplier’s ERP by API key (catalog:write)', async () => {
    const key = await app.gql<{ createApiKey: { secret: string } }>(
      `mutation { createApiKey(input: { name: "erp", scopes: [CATALOG_WRITE] }) { secret } }`,
      {},
      supplier,
    );
    const { status, body } = await upload(
      { apiKey: key.data!.createApiKey.secret },
      { content: PNG, type: 'image/png', name: 'certificat CE.png', kind: 'CE_CERTIFICATE' },
    );
    expect(status).toBe(201);
    expect(body).toMatchObject({
      contentType: 'image/png',
      kind: 'CE_CERTIFICATE',
      filename: 'certificat CE.png',
    });
  });

  it('lets the supplier and the DGE download; anyone else finds nothing', async () => {
    const { body } = await upload(supplier, { content: PDF, name: 'rapport été.pdf' });
    const id = body.id as string;
    for (const caller of [supplier, dge]) {
      const response = await download(caller, id);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="rapport ete.pdf"; filename*=UTF-8''rapport%20%C3%A9t%C3%A9.pdf`,
      );
      expect(Buffer.from(await response.arrayBuffer())).toEqual(PDF);
    }
    for (const caller of [
      otherSupplier,
      buyer,
      await createMemberWithRoles(app, buyer.organisationId, [Role.BUYER]),
    ]) {
      const response = await download(caller, id);
      expect(response.status).toBe(404);
      expect(
        ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
      ).toBe('NOT_FOUND');
    }
    expect((await download({}, id)).status).toBe(401);
    expect((await download(supplier, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('refuses to upload for anyone but the certification’s supplier', async () => {
    const before = await documentCount();
    expect((await upload({}, { content: PDF })).status).toBe(401);
    expect((await upload(otherSupplier, { content: PDF })).status).toBe(404);
    expect(
      (await upload(await createMemberWithRoles(app, buyer.organisationId, [Role.BUYER]), { content: PDF }))
        .status,
    ).toBe(403);
    // Administrators of organisations that supply nothing (a buyer, the DGE), and a buyer's catalog:write
    // key: the gate refuses them for their organisation's kind, before looking the certification up.
    const buyerKey = await app.gql<{ createApiKey: { secret: string } }>(
      `mutation { createApiKey(input: { name: "erp", scopes: [CATALOG_WRITE] }) { secret } }`,
      {},
      buyer,
    );
    for (const caller of [buyer, dge, { apiKey: buyerKey.data!.createApiKey.secret }]) {
      const { status, body } = await upload(caller, { content: PDF });
      expect(status).toBe(403);
      expect(body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
    expect(await documentCount()).toBe(before);
  });

  it('refuses files over 10 MB with 413, and files that are not PDF, PNG or JPEG whatever they claim', async () => {
    const before = await documentCount();
    const oversize = await upload(supplier, {
      content: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]),
    });
    expect(oversize.status).toBe(413);
    expect(oversize.body.errors![0].extensions.code).toBe('PAYLOAD_TOO_LARGE');

    const html = await upload(supplier, {
      content: Buffer.from('<html><script>alert(1)</script>'),
      type: 'application/pdf',
      name: 'rapport.pdf',
    });
    expect(html.status).toBe(400);
    expect(html.body.errors![0]).toMatchObject({
      message: 'Only PDF, PNG and JPEG documents are accepted',
      extensions: { code: 'BAD_USER_INPUT' },
    });

    const disguised = await upload(supplier, { content: PDF, type: 'image/png', name: 'photo.png' });
    expect(disguised.status).toBe(400);
    expect(disguised.body.errors![0].message).toBe(
      'The file is a application/pdf, not the image/png it claims to be',
    );

    expect((await upload(supplier, {})).status).toBe(400);
    expect((await upload(supplier, { content: PDF, kind: 'SELFIE' })).status).toBe(400);
    expect((await upload(supplier, { content: PDF, id: 'not-a-uuid' })).status).toBe(400);
    expect(await documentCount()).toBe(before);
  });

  it('never serves a path: only document ids', async () => {
    for (const path of ['/documents/..%2F..%2Fetc%2Fpasswd', '/documents/%2e%2e%2fpackage.json']) {
      const response = await fetch(`${app.url}${path}`, { headers: headersOf(supplier) });
      expect(response.status).toBe(400);
      expect(await response.text()).not.toMatch(/root:|"name"/);
    }
  });
});
