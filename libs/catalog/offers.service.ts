import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  BadInputError,
  type FieldRefusal,
  NotFoundError,
  RequestContext,
  audit,
  once,
  paginate,
  type Connection,
  type PageArgs,
} from '@masks/core';
import { findDepartment } from '@masks/geography';
import { checkOfferTerms, fromPriceOf, type PriceTier, type TermProblem } from './domain/offer.rules';
import { StockMovementKind, type StockLevelValues } from './domain/stock-ledger';
import { Offer, OfferStatus, StockLevel, StockMovement } from './offer.entity';
import { Product } from './product.entity';
import { openStock, recordMovement } from './stock';
import { visibleToBuyers } from './offer-visibility';
import { listingOf, selectListing, supplierSummaryJson } from './offer-listing';
import {
  MAX_UPSERT_ROWS,
  type OfferInput,
  type OfferTermsInput,
  type OfferUpsertRow,
  type StockMovementInput,
  type SupplierOffersArgs,
} from './dto/catalog.inputs';
import {
  UpsertOutcome,
  type OfferUpsertPayload,
  type OfferUpsertResult,
  type SupplierSummary,
} from './models/catalog.models';

/** The columns an offer's terms set, once validated. */
interface TermColumns {
  minimumOrderQuantity: number;
  orderIncrement: number;
  priceTiers: PriceTier[];
  fromPriceMicros: number;
  leadTimeDays: number;
  availableFrom: Date | undefined;
  validUntil: Date | null;
  warehouseDepartmentCode: string;
  warehouseRegionCode: string;
}

/** Validates terms against the rules of a lot; returns the columns, or every problem found. */
function termColumns(
  input: OfferTermsInput,
  quantity: number,
): { columns?: TermColumns; problems: TermProblem[] } {
  const priceTiers = input.priceTiers.map(({ minQuantity, unitPriceMicros }) => ({
    minQuantity,
    unitPriceMicros,
  }));
  const problems = checkOfferTerms({ ...input, quantity, priceTiers });
  const department = findDepartment(input.warehouseDepartmentCode);
  if (!department)
    problems.push({
      field: 'warehouseDepartmentCode',
      message: `Unknown department code "${input.warehouseDepartmentCode}"`,
      reason: 'UNKNOWN_DEPARTMENT',
      args: { departmentCode: input.warehouseDepartmentCode },
    });
  if (input.validUntil && input.validUntil <= (input.availableFrom ?? new Date())) {
    problems.push({
      field: 'validUntil',
      message: 'validUntil must be after the offer becomes available',
      reason: 'VALID_UNTIL_NOT_AFTER_AVAILABILITY',
    });
  }
  if (problems.length || !department) return { problems };
  return {
    problems,
    columns: {
      minimumOrderQuantity: input.minimumOrderQuantity,
      orderIncrement: input.orderIncrement,
      priceTiers,
      fromPriceMicros: fromPriceOf(priceTiers),
      leadTimeDays: input.leadTimeDays,
      availableFrom: input.availableFrom,
      validUntil: input.validUntil ?? null,
      warehouseDepartmentCode: department.code,
      warehouseRegionCode: department.regionCode,
    },
  };
}

function termsOrThrow(input: OfferTermsInput, quantity: number): TermColumns {
  const { columns, problems } = termColumns(input, quantity);
  if (!columns) {
    throw new BadInputError(problems.map((p) => p.message).join('; '), {
      field: problems[0].field,
      problems,
    });
  }
  return columns;
}

function snapshot(offer: Offer): Record<string, unknown> {
  const {
    id,
    status,
    minimumOrderQuantity,
    orderIncrement,
    priceTiers,
    leadTimeDays,
    availableFrom,
    validUntil,
    warehouseDepartmentCode,
  } = offer;
  return {
    id,
    status,
    minimumOrderQuantity,
    orderIncrement,
    priceTiers,
    leadTimeDays,
    availableFrom,
    validUntil,
    warehouseDepartmentCode,
  };
}

/** Whether applying the terms would change the offer (the ERP upsert leaves identical rows alone). */
function termsDiffer(offer: Offer, terms: TermColumns): boolean {
  return (
    offer.minimumOrderQuantity !== terms.minimumOrderQuantity ||
    offer.orderIncrement !== terms.orderIncrement ||
    JSON.stringify(offer.priceTiers) !== JSON.stringify(terms.priceTiers) ||
    offer.leadTimeDays !== terms.leadTimeDays ||
    (terms.availableFrom !== undefined && offer.availableFrom.getTime() !== terms.availableFrom.getTime()) ||
    (offer.validUntil?.getTime() ?? null) !== (terms.validUntil?.getTime() ?? null) ||
    offer.warehouseDepartmentCode !== terms.warehouseDepartmentCode
  );
}

const assignTerms = (offer: Offer, terms: TermColumns): Offer =>
  Object.assign(offer, { ...terms, availableFrom: terms.availableFrom ?? offer.availableFrom ?? new Date() });

export interface UpsertRowError extends FieldRefusal {
  index: number;
  externalRef: string;
}

@Injectable()
export class OffersService {
  constructor(private readonly dataSource: DataSource) {}

  private async ownProduct(manager: EntityManager, ctx: RequestContext, productId: string): Promise<Product> {
    const product = await manager.findOneBy(Product, { id: productId, supplierId: ctx.organisationId });
    if (!product) throw new NotFoundError('Product', productId);
    return product;
  }

  /** The caller's own offer, locked: concurrent edits of one offer apply one after the other. */
  private async ownForUpdate(manager: EntityManager, ctx: RequestContext, id: string): Promise<Offer> {
    const offer = await manager
      .getRepository(Offer)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.id = :id AND o.supplier_id = :me', { id, me: ctx.organisationId })
      .getOne();
    if (!offer) throw new NotFoundError('Offer', id);
    return offer;
  }

  create(ctx: RequestContext, input: OfferInput, idempotencyKey?: string): Promise<Offer> {
    const terms = termsOrThrow(input, input.quantity);
    return this.dataSource.transaction(async (manager) =>
      once(
        manager,
        ctx,
        { key: idempotencyKey, operation: 'createOffer', input },
        async () => {
          const product = await this.ownProduct(manager, ctx, input.productId);
          const offer = await manager.save(
            assignTerms(
              manager.create(Offer, {
                productId: product.id,
                supplierId: ctx.organisationId,
                externalRef: input.externalRef ?? null,
                category: product.category,
                madeInFrance: product.madeInFrance,
                status: OfferStatus.ACTIVE,
              }),
              terms,
            ),
          );
          await openStock(manager, ctx, offer.id, input.quantity, null);
          await audit(manager, ctx, {
            action: 'offer.created',
            entityType: 'offer',
            entityId: offer.id,
            organisationId: offer.supplierId,
            after: { ...snapshot(offer), quantity: input.quantity },
          });
          return { id: offer.id, value: offer };
        },
        (id) => manager.findOneByOrFail(Offer, { id }),
      ),
    );
  }

  updateTerms(ctx: RequestContext, id: string, input: OfferTermsInput): Promise<Offer> {
    return this.dataSource.transaction(async (manager) => {
      const offer = await this.ownForUpdate(manager, ctx, id);
      const [{ on_hand }]: { on_hand: number }[] = await manager.query(
        `SELECT on_hand FROM stock_level WHERE offer_id = $1`,
        [id],
      );
      const terms = termsOrThrow(input, on_hand);
      const before = snapshot(offer);
      const saved = await manager.save(assignTerms(offer, terms));
      await audit(manager, ctx, {
        action: 'offer.updated',
        entityType: 'offer',
        entityId: id,
        organisationId: offer.supplierId,
        before,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  /**
   * The supplier takes its offer off the market or puts it back. Putting it back does not make it
   * visible by itself: buyers still see only offers of certified products.
   */
  setStatus(ctx: RequestContext, id: string, status: OfferStatus, reason?: string): Promise<Offer> {
    return this.dataSource.transaction(async (manager) => {
      const offer = await this.ownForUpdate(manager, ctx, id);
      const before = snapshot(offer);
      offer.status = status;
      offer.withdrawnReason =
        status === OfferStatus.WITHDRAWN ? (reason ?? 'Withdrawn by the supplier') : null;
      const saved = await manager.save(offer);
      await audit(manager, ctx, {
        action: status === OfferStatus.WITHDRAWN ? 'offer.withdrawn' : 'offer.republished',
        entityType: 'offer',
        entityId: id,
        organisationId: offer.supplierId,
        before,
        after: snapshot(saved),
      });
      return saved;
    });
  }

  recordStock(ctx: RequestContext, input: StockMovementInput): Promise<StockLevelValues> {
    if (input.kind === StockMovementKind.RECEIPT && input.quantity <= 0) {
      throw new BadInputError('A receipt brings a positive quantity', {
        field: 'quantity',
        reason: 'RECEIPT_NOT_POSITIVE',
      });
    }
    if (input.kind === StockMovementKind.ADJUSTMENT && (!input.reason || input.quantity === 0)) {
      throw new BadInputError('An adjustment needs a non-zero quantity and a reason', {
        field: input.reason ? 'quantity' : 'reason',
        reason: input.reason ? 'ADJUSTMENT_QUANTITY_ZERO' : 'ADJUSTMENT_REASON_REQUIRED',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const offer = await this.ownForUpdate(manager, ctx, input.offerId);
      const level = await recordMovement(manager, ctx, {
        offerId: offer.id,
        kind: input.kind,
        quantity: input.quantity,
        reason: input.reason,
      });
      await audit(manager, ctx, {
        action: 'stock.moved',
        entityType: 'offer',
        entityId: offer.id,
        organisationId: offer.supplierId,
        after: { kind: input.kind, quantity: input.quantity, reason: input.reason ?? null, ...level },
      });
      return level;
    });
  }

  /**
   * ERP synchronisation: each row is an offer keyed by the supplier's externalRef, with its terms
   * and the absolute stock on hand. All or nothing: every row is checked first, and if any is wrong
   * the call fails with BAD_USER_INPUT listing each bad row (extensions.rows) and changes nothing.
   * Replaying a payload changes nothing (rows come back UNCHANGED, no ledger entry); stock moves by
   * an ADJUSTMENT of the difference, never below what is reserved for orders. Rows are written in
   * externalRef order so two concurrent batches lock offers in the same order (no deadlock).
   */
  async upsert(ctx: RequestContext, rows: OfferUpsertRow[]): Promise<OfferUpsertPayload> {
    if (!rows.length || rows.length > MAX_UPSERT_ROWS) {
      throw new BadInputError(`Send 1 to ${MAX_UPSERT_ROWS} rows per call`, {
        argument: 'rows',
        reason: 'ROW_COUNT_OUT_OF_RANGE',
        args: { min: 1, max: MAX_UPSERT_ROWS },
      });
    }
    const errors: UpsertRowError[] = [];
    const fail = (index: number, refusal: FieldRefusal) =>
      errors.push({ index, externalRef: rows[index].externalRef, ...refusal });
    const seen = new Map<string, number>();
    const terms = rows.map((row, index) => {
      const previous = seen.get(row.externalRef);
      if (previous !== undefined)
        fail(index, {
          field: 'externalRef',
          message: `externalRef "${row.externalRef}" already appears in row ${previous}`,
          reason: 'EXTERNAL_REF_REPEATED',
          args: { externalRef: row.externalRef, row: previous },
        });
      seen.set(row.externalRef, index);
      const result = termColumns(row, row.onHand);
      result.problems.forEach((problem) => fail(index, problem));
      return result.columns;
    });
    const batch = randomUUID();
    return this.dataSource.transaction(async (manager) => {
      const products = await manager
        .getRepository(Product)
        .createQueryBuilder('p')
        .where('p.id = ANY(:ids) AND p.supplier_id = :me', {
          ids: [...new Set(rows.map((row) => row.productId))],
          me: ctx.organisationId,
        })
        .getMany();
      const productById = new Map(products.map((product) => [product.id, product]));
      rows.forEach((row, index) => {
        if (!productById.has(row.productId))
          fail(index, {
            field: 'productId',
            message: `Product ${row.productId} not found among your products`,
            reason: 'PRODUCT_NOT_YOURS',
          });
      });
      if (errors.length) throw this.rowErrors(errors, rows.length);

      const order = rows
        .map((_, index) => index)
        .sort((a, b) => (rows[a].externalRef < rows[b].externalRef ? -1 : 1));
      const results: OfferUpsertResult[] = new Array(rows.length);
      for (const index of order) {
        const row = rows[index];
        const product = productById.get(row.productId) as Product;
        const rowTerms = terms[index] as TermColumns;
        results[index] = await this.upsertRow(manager, ctx, row, product, rowTerms, batch, (refusal) =>
          fail(index, refusal),
        );
      }
      if (errors.length) throw this.rowErrors(errors, rows.length);
      const count = (outcome: UpsertOutcome) => results.filter((result) => result.outcome === outcome).length;
      const payload = {
        created: count(UpsertOutcome.CREATED),
        updated: count(UpsertOutcome.UPDATED),
        unchanged: count(UpsertOutcome.UNCHANGED),
        rows: results,
      };
      if (payload.created || payload.updated) {
        await audit(manager, ctx, {
          action: 'offers.synchronised',
          entityType: 'offer_batch',
          entityId: batch,
          organisationId: ctx.organisationId,
          after: { created: payload.created, updated: payload.updated, unchanged: payload.unchanged },
        });
      }
      return payload;
    });
  }

  private rowErrors(errors: UpsertRowError[], total: number): BadInputError {
    const rows = [...errors].sort((a, b) => a.index - b.index);
    const bad = new Set(rows.map((error) => error.index)).size;
    return new BadInputError(`${bad} of ${total} rows are invalid; nothing was applied`, { rows });
  }

  private async upsertRow(
    manager: EntityManager,
    ctx: RequestContext,
    row: OfferUpsertRow,
    product: Product,
    terms: TermColumns,
    batch: string,
    fail: (refusal: FieldRefusal) => void,
  ): Promise<OfferUpsertResult> {
    const reference = `erp:${batch}`;
    const [inserted]: { id: string }[] = await manager.query(
      `INSERT INTO offer (product_id, supplier_id, external_ref, category, made_in_france, minimum_order_quantity, order_increment,
         price_tiers, from_price_micros, lead_time_days, available_from, valid_until, warehouse_department_code, warehouse_region_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (supplier_id, external_ref) WHERE external_ref IS NOT NULL DO NOTHING RETURNING id`,
      [
        product.id,
        ctx.organisationId,
        row.externalRef,
        product.category,
        product.madeInFrance,
        terms.minimumOrderQuantity,
        terms.orderIncrement,
        JSON.stringify(terms.priceTiers),
        terms.fromPriceMicros,
        terms.leadTimeDays,
        terms.availableFrom ?? new Date(),
        terms.validUntil,
        terms.warehouseDepartmentCode,
        terms.warehouseRegionCode,
      ],
    );
    if (inserted) {
      await openStock(manager, ctx, inserted.id, row.onHand, reference);
      return { externalRef: row.externalRef, offerId: inserted.id, outcome: UpsertOutcome.CREATED };
    }
    const offer = await manager
      .getRepository(Offer)
      .createQueryBuilder('o')
      .setLock('pessimistic_write')
      .where('o.supplier_id = :me AND o.external_ref = :ref', {
        me: ctx.organisationId,
        ref: row.externalRef,
      })
      .getOneOrFail();
    const result = { externalRef: row.externalRef, offerId: offer.id, outcome: UpsertOutcome.UNCHANGED };
    if (offer.productId !== product.id) {
      fail({
        field: 'productId',
        message: `externalRef "${row.externalRef}" is already an offer of another product`,
        reason: 'EXTERNAL_REF_OF_ANOTHER_PRODUCT',
        args: { externalRef: row.externalRef },
      });
      return result;
    }
    if (termsDiffer(offer, terms)) {
      await manager.save(assignTerms(offer, terms));
      result.outcome = UpsertOutcome.UPDATED;
    }
    const [level]: { on_hand: number; reserved: number }[] = await manager.query(
      `SELECT on_hand, reserved FROM stock_level WHERE offer_id = $1 FOR UPDATE`,
      [offer.id],
    );
    if (row.onHand < level.reserved) {
      fail({
        field: 'onHand',
        message: `${level.reserved} units are reserved for orders: stock on hand cannot go below that`,
        reason: 'ON_HAND_BELOW_RESERVED',
        args: { reserved: level.reserved },
      });
    } else if (row.onHand !== level.on_hand) {
      await recordMovement(manager, ctx, {
        offerId: offer.id,
        kind: StockMovementKind.ADJUSTMENT,
        quantity: row.onHand - level.on_hand,
        reason: 'ERP synchronisation',
        reference,
      });
      result.outcome = UpsertOutcome.UPDATED;
    }
    return result;
  }

  listOwn(ctx: RequestContext, args: SupplierOffersArgs): Promise<Connection<Offer>> {
    const qb = this.dataSource
      .getRepository(Offer)
      .createQueryBuilder('o')
      .where('o.supplier_id = :me', { me: ctx.organisationId });
    if (args.productId) qb.andWhere('o.product_id = :productId', { productId: args.productId });
    return paginate(
      qb,
      'o.id',
      { column: 'o.created_at', value: (o) => o.createdAt, direction: 'DESC' },
      args,
    );
  }

  /** Its supplier and the DGE see any offer; anyone else only offers buyers may see now. */
  async findVisible(ctx: RequestContext, id: string): Promise<Offer> {
    const qb = this.dataSource.getRepository(Offer).createQueryBuilder('o').where('o.id = :id', { id });
    if (!ctx.isDge) {
      const buyers = visibleToBuyers('o', { certifiedOn: new Date(), acceptEquivalents: true });
      qb.andWhere(`(o.supplier_id = :me OR (${buyers.sql}))`, { me: ctx.organisationId, ...buyers.params });
    }
    const offer = await qb.getOne();
    if (!offer) throw new NotFoundError('Offer', id);
    return offer;
  }

  async movements(ctx: RequestContext, offerId: string, args: PageArgs): Promise<Connection<StockMovement>> {
    const offer = await this.dataSource.getRepository(Offer).findOneBy({ id: offerId });
    if (!offer || (!ctx.isDge && offer.supplierId !== ctx.organisationId))
      throw new NotFoundError('Offer', offerId);
    const qb = this.dataSource
      .getRepository(StockMovement)
      .createQueryBuilder('m')
      .where('m.offer_id = :offerId', { offerId });
    return paginate(qb, 'm.id', { column: 'm.id', value: (m) => Number(m.id), direction: 'DESC' }, args);
  }

  private async summaries(organisationIds: readonly string[]): Promise<SupplierSummary[]> {
    const rows: { summary: SupplierSummary }[] = await this.dataSource.query(
      `SELECT ${supplierSummaryJson('g')} AS summary FROM organisation g WHERE g.id = ANY($1::uuid[])`,
      [organisationIds],
    );
    return rows.map((row) => row.summary);
  }

  /** Fills `available` and the supplier's identity of offers already loaded: one query, whatever their number (the listing the search selects inline). */
  async withListing<T extends Offer>(offers: T[]): Promise<T[]> {
    if (!offers.length) return offers;
    const query = selectListing(
      this.dataSource.getRepository(Offer).createQueryBuilder('o').select('o.id', 'id'),
      'o',
    ).where('o.id = ANY(:ids)', { ids: offers.map((o) => o.id) });
    const listings = new Map(
      (await query.getRawMany<Record<string, unknown> & { id: string }>()).map((raw) => [raw.id, raw]),
    );
    for (const offer of offers) listingOf(offer, listings.get(offer.id) ?? {});
    return offers;
  }

  async withListingOne(offer: Offer): Promise<Offer> {
    return (await this.withListing([offer]))[0];
  }

  stockOf(ctx: RequestContext, offerId: string): Promise<StockLevel | null> {
    return ctx
      .loader<string, StockLevel | null>('catalog.stock', async (ids) => {
        const rows = await this.dataSource
          .getRepository(StockLevel)
          .createQueryBuilder('s')
          .where('s.offer_id = ANY(:ids)', { ids: [...ids] })
          .getMany();
        return ids.map((id) => rows.find((row) => row.offerId === id) ?? null);
      })
      .load(offerId);
  }

  /** Suppliers' public identity for Offer.supplier, batched. */
  supplierOf(ctx: RequestContext, supplierId: string): Promise<SupplierSummary | null> {
    return ctx
      .loader<string, SupplierSummary | null>('catalog.supplier', async (ids) => {
        const rows = await this.summaries(ids);
        return ids.map((id) => rows.find((row) => row.id === id) ?? null);
      })
      .load(supplierId);
  }
}
