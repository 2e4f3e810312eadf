import type { TestApp } from './app';
import type { Actor } from './factories';

/** Helpers of the certification suites: evidence that passes each standard, and DGE decisions. */

export const CERTIFICATION_FIELDS =
  'id status statusReason standardCode category productId supplierId validFrom validUntil';

const PASSING: Record<string, Record<string, number>> = {
  'EN149-FFP2': { filterPenetrationPct: 3.2 },
  KN95: { filterPenetrationPct: 3 },
  P2: { filterPenetrationPct: 3 },
  'EN14683-IIR': { bacterialFiltrationPct: 99, breathingResistancePaCm2: 45, splashResistanceKPa: 16.2 },
  'AFNOR-UNS1': { particleFiltration3umPct: 93, airPermeabilityLm2s: 130, washes: 10 },
};

export function evidenceInput(
  productId: string,
  standardCode = 'EN149-FFP2',
  overrides: Record<string, unknown> = {},
) {
  const uns = standardCode.startsWith('AFNOR');
  return {
    productId,
    standardCode,
    laboratory: uns ? 'DGA Maîtrise NRBC' : 'Apave Exploitation France',
    reportNumber: `RE-${Math.random().toString(36).slice(2, 8)}`,
    testedOn: '2020-04-14',
    measurements: PASSING[standardCode],
    ...(uns ? {} : { ceCertificateNumber: '0082/2020/1234', notifiedBody: 'Apave (0082)' }),
    ...overrides,
  };
}

export const SUBMIT = `mutation($input: CertificationEvidenceInput!, $key: String) {
  submitCertification(input: $input, idempotencyKey: $key) { ${CERTIFICATION_FIELDS} }
}`;

export async function submitEvidence(
  app: TestApp,
  supplier: Actor,
  productId: string,
  standardCode?: string,
): Promise<string> {
  const response = await app.gql<{ submitCertification: { id: string } }>(
    SUBMIT,
    { input: evidenceInput(productId, standardCode) },
    supplier,
  );
  if (!response.data) throw new Error(`submitCertification failed: ${JSON.stringify(response.errors)}`);
  return response.data.submitCertification.id;
}

export const VALIDATE = `mutation($id: ID!, $until: DateTime!) { validateCertification(id: $id, validUntil: $until) { ${CERTIFICATION_FIELDS} } }`;

export function decisionMutation(name: 'reject' | 'suspend' | 'revoke' | 'reinstate'): string {
  const withReason = name !== 'reinstate';
  return `mutation($id: ID!${withReason ? ', $reason: String!' : ''}) {
    ${name}Certification(id: $id${withReason ? ', reason: $reason' : ''}) { ${CERTIFICATION_FIELDS} }
  }`;
}

/** Submitted by the supplier and validated by the DGE until `until`. */
export async function certifyProduct(
  app: TestApp,
  supplier: Actor,
  dge: Actor,
  productId: string,
  until: Date,
  standardCode?: string,
): Promise<string> {
  const id = await submitEvidence(app, supplier, productId, standardCode);
  const response = await app.gql(VALIDATE, { id, until: until.toISOString() }, dge);
  if (response.errors) throw new Error(`validateCertification failed: ${JSON.stringify(response.errors)}`);
  return id;
}

export async function productCertification(
  app: TestApp,
  productId: string,
): Promise<{ certifiedUntil: Date | null; nativelyCertifiedUntil: Date | null }> {
  const [row] = await app.dataSource.query(
    `SELECT certified_until, natively_certified_until FROM product WHERE id = $1`,
    [productId],
  );
  return { certifiedUntil: row.certified_until, nativelyCertifiedUntil: row.natively_certified_until };
}

export const waitFor = async (check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
};
