import type { EntityManager } from 'typeorm';

/**
 * Reads of products and their offers for the libs that follow a product's certification (the
 * withdrawal cascade, the order pipeline), so that they do not write SQL on the catalog's tables.
 */

/** Locks a product's row for the caller's transaction: follow-ups of one product run one at a time. */
export async function lockProduct(
  manager: EntityManager,
  productId: string,
): Promise<{ brand: string; model: string; certifiedUntil: Date | null } | null> {
  const [row]: { brand: string; model: string; certified_until: Date | null }[] = await manager.query(
    `SELECT brand, model, certified_until FROM product WHERE id = $1 FOR UPDATE`,
    [productId],
  );
  return row ? { brand: row.brand, model: row.model, certifiedUntil: row.certified_until } : null;
}

/** The products among these that are certified at `at` (Product.certifiedUntil after it). */
export async function certifiedProducts(
  manager: EntityManager,
  productIds: string[],
  at: Date,
): Promise<Set<string>> {
  if (!productIds.length) return new Set();
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM product WHERE id = ANY($1::uuid[]) AND certified_until > $2`,
    [productIds, at],
  );
  return new Set(rows.map((row) => row.id));
}

/** Every offer of these products, withdrawn ones included. */
export async function offersOfProducts(manager: EntityManager, productIds: string[]): Promise<string[]> {
  if (!productIds.length) return [];
  const rows: { id: string }[] = await manager.query(
    `SELECT id FROM offer WHERE product_id = ANY($1::uuid[]) ORDER BY id`,
    [productIds],
  );
  return rows.map((row) => row.id);
}

/** The product of each of these offers. */
export async function productsOfOffers(
  manager: EntityManager,
  offerIds: string[],
): Promise<Map<string, string>> {
  if (!offerIds.length) return new Map();
  const rows: { id: string; product_id: string }[] = await manager.query(
    `SELECT id, product_id FROM offer WHERE id = ANY($1::uuid[])`,
    [[...new Set(offerIds)]],
  );
  return new Map(rows.map((row) => [row.id, row.product_id]));
}
