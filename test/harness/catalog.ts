import type { TestApp } from './app';
import { signUp, type Actor, type SignUpOptions } from './factories';

export const PRODUCT_FIELDS = 'id category standardCode brand model madeInFrance certifiedUntil';
export const OFFER_FIELDS =
  'id category status minimumOrderQuantity orderIncrement fromPriceMicros leadTimeDays warehouseDepartmentCode warehouseRegionCode available';

export async function signUpSupplier(app: TestApp, options: SignUpOptions = {}): Promise<Actor> {
  return signUp(app, { kinds: ['MANUFACTURER' as never], headcount: 120, ...options });
}

export function productInput(overrides: Record<string, unknown> = {}) {
  return {
    category: 'FFP2',
    standardCode: 'EN149-FFP2',
    brand: 'Valmasque',
    model: `V-${Math.random().toString(36).slice(2, 8)}`,
    reusable: false,
    packSize: 50,
    countryOfProduction: 'FR',
    productionCity: 'Angers',
    productionDepartmentCode: '49',
    ceMarked: true,
    dailyCapacity: 100_000,
    ...overrides,
  };
}

export function offerInput(productId: string, overrides: Record<string, unknown> = {}) {
  return {
    productId,
    quantity: 50_000,
    minimumOrderQuantity: 5_000,
    orderIncrement: 5_000,
    priceTiers: [
      { minQuantity: 5_000, unitPriceMicros: 900_000 },
      { minQuantity: 25_000, unitPriceMicros: 750_000 },
    ],
    leadTimeDays: 5,
    warehouseDepartmentCode: '49',
    ...overrides,
  };
}

export async function createProduct(
  app: TestApp,
  supplier: Actor,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await app.gql<{ createProduct: { id: string } }>(
    `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`,
    { input: productInput(overrides) },
    supplier,
  );
  if (!response.data) throw new Error(`createProduct failed: ${JSON.stringify(response.errors)}`);
  return response.data.createProduct.id;
}

export async function createOffer(
  app: TestApp,
  supplier: Actor,
  productId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await app.gql<{ createOffer: { id: string } }>(
    `mutation($input: OfferInput!) { createOffer(input: $input) { id } }`,
    { input: offerInput(productId, overrides) },
    supplier,
  );
  if (!response.data) throw new Error(`createOffer failed: ${JSON.stringify(response.errors)}`);
  return response.data.createOffer.id;
}

/**
 * Puts a product in the certification state a DGE decision leaves (certification.e2e-spec.ts tests
 * the decisions themselves): until = end of the valid certification; native = not by derogation.
 */
export async function setCertifiedUntil(
  app: TestApp,
  productId: string,
  until: Date | null,
  native = true,
): Promise<void> {
  await app.dataSource.query(
    `UPDATE product SET certified_until = $2, natively_certified_until = $3 WHERE id = $1`,
    [productId, until, native ? until : null],
  );
}

export const inDays = (days: number): Date => new Date(Date.now() + days * 86_400_000);

/** Offers whose stock level differs from the sum of their ledger (or is oversold): always empty. */
export const ledgerDisagreements = (app: TestApp): Promise<unknown[]> =>
  app.dataSource.query(
    `SELECT s.offer_id FROM stock_level s
     LEFT JOIN (SELECT offer_id, sum(on_hand_delta) AS on_hand, sum(reserved_delta) AS reserved FROM stock_movement GROUP BY offer_id) m
       ON m.offer_id = s.offer_id
     WHERE s.on_hand <> coalesce(m.on_hand, 0) OR s.reserved <> coalesce(m.reserved, 0) OR s.reserved > s.on_hand`,
  );
