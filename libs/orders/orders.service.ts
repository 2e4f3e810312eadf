import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import {
  APP_CONFIG,
  BadInputError,
  ConflictError,
  type FieldRefusal,
  ForbiddenError,
  NotFoundError,
  RequestContext,
  audit,
  auditAll,
  notificationEvent,
  once,
  paginate,
  recordEvents,
  type AppConfig,
  type Connection,
  type DomainEvent,
  type SortSpec,
} from '@masks/core';
import {
  Offer,
  orderQuantityProblem,
  recordMovements,
  StockMovementKind,
  unitPriceFor,
  visibleToBuyers,
  type MovementRequest,
} from '@masks/catalog';
import { findDepartment } from '@masks/geography';
import { adminContactsOf, bankAccountQuery, printableIban, User } from '@masks/organisations';
import {
  decide,
  DELIVERY_REPORTABLE,
  holdsReservation,
  OrderAction,
  OrderActor,
  OrderStatus,
  SHIPMENT_REPORTABLE,
} from './domain/order.states';
import { priceOrder, vatRateOn, type VatRate } from './domain/pricing';
import { accountSnapshotOf, bankTransferOf, orderNumber } from './domain/bank-transfer';
import { Order, OrderLine, OrderTransition, PaymentMethod, VatRateRow } from './order.entity';
import { ORDER_EVENTS } from './order.events';
import { PaymentGateway } from './payment-gateway';
import {
  OrderSide,
  OrderSort,
  type AcknowledgeReceiptInput,
  type OrdersArgs,
  type PlaceOrderInput,
  type RecordedShipmentInput,
  type ShipOrderInput,
} from './dto/order.inputs';

const DAY_MS = 86_400_000;
const VAT_CACHE_MS = 60_000;

/** What a transition changes besides the status, inside the same transaction. */
type Effect = (manager: EntityManager, order: Order, lines: OrderLine[]) => Promise<void>;

export interface TransitionRequest {
  action: OrderAction;
  actor: OrderActor;
  note?: string | null;
  /** Applied after the state machine agreed, before the status changes. */
  effect?: Effect;
}

/** How many orders of an ERP batch one job applies. */
const FULFILMENT_CHUNK = 100;

/** A decided move, waiting to be written. */
interface Move extends TransitionRequest {
  order: Order;
  lines: OrderLine[];
  from: OrderStatus;
  linesChanged: boolean;
}

/** What a move may change on an order (its status aside) and on its lines: the columns recordMoves writes. */
const orderState = (o: Order) => ({
  status: o.status,
  payment_reference: o.paymentReference,
  paid_at: o.paidAt,
  refund_reference: o.refundReference,
  carrier: o.carrier,
  tracking_number: o.trackingNumber,
  shipped_at: o.shippedAt,
  delivered_at: o.deliveredAt,
  received_at: o.receivedAt,
  cancellation_reason: o.cancellationReason,
  flag: o.flag,
});
const lineState = (l: OrderLine) => ({
  lot_numbers: l.lotNumbers,
  received_quantity: l.receivedQuantity,
  received_lot_numbers: l.receivedLotNumbers,
  discrepancy_note: l.discrepancyNote,
});

@Injectable()
export class OrdersService {
  private vatCache?: { at: number; rates: VatRate[] };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly payments: PaymentGateway,
  ) {}

  /**
   * Places an order: prices from the offers' tiers (never from the client), VAT from the rate in
   * force, and the stock reserved in the same transaction by one conditional UPDATE (recordMovements:
   * several lots locked in offer id order, so two orders never wait on each other crosswise). The
   * reservation comes last so the hot stock rows stay locked for as short a time as possible. Out of
   * stock → CONFLICT with what is left; nothing is written. `options.manager`: run inside the
   * caller's transaction (accepting a proposal places its order atomically).
   */
  async place(
    ctx: RequestContext,
    input: PlaceOrderInput,
    idempotencyKey?: string,
    options: { needId?: string; manager?: EntityManager } = {},
  ): Promise<Order> {
    const department = findDepartment(input.deliveryDepartmentCode);
    if (!department)
      throw new BadInputError(`Unknown department code "${input.deliveryDepartmentCode}"`, {
        field: 'deliveryDepartmentCode',
        reason: 'UNKNOWN_DEPARTMENT',
        args: { departmentCode: input.deliveryDepartmentCode },
      });
    if (input.paymentMethod !== PaymentMethod.BANK_TRANSFER && !this.payments.cardPaymentsEnabled) {
      throw new BadInputError(
        'Card and SEPA payments are not available here: pay by bank transfer on invoice',
        { field: 'paymentMethod', reason: 'CARD_PAYMENTS_UNAVAILABLE' },
      );
    }
    const offerIds = input.lines.map((line) => line.offerId);
    if (new Set(offerIds).size !== offerIds.length)
      throw new BadInputError('Each offer may appear on one line only', {
        field: 'lines',
        reason: 'OFFER_ON_SEVERAL_LINES',
      });
    const inTransaction = (work: (manager: EntityManager) => Promise<Order>) =>
      options.manager ? work(options.manager) : this.dataSource.transaction(work);
    return inTransaction(async (manager) =>
      once(
        manager,
        ctx,
        { key: idempotencyKey, operation: 'placeOrder', input: { ...input, needId: options.needId } },
        async () => {
          const now = new Date();
          const offers = await this.orderableOffers(manager, offerIds, now);
          const supplierId = offers.get(offerIds[0])!.supplierId;
          if ([...offers.values()].some((offer) => offer.supplierId !== supplierId)) {
            throw new BadInputError('An order is placed with one supplier: split the lines by supplier', {
              field: 'lines',
              reason: 'SEVERAL_SUPPLIERS',
            });
          }
          if (supplierId === ctx.organisationId)
            throw new ForbiddenError('A supplier cannot order from itself');
          const lines = input.lines.map((line, index) => {
            const offer = offers.get(line.offerId)!;
            const problem = orderQuantityProblem(offer, line.quantity);
            if (problem)
              throw new BadInputError(`Line ${index + 1}: ${problem.message}`, {
                field: `lines[${index}].quantity`,
                reason: problem.reason,
                args: { line: index + 1, ...problem.args },
              });
            const unitPriceMicros = unitPriceFor(offer.priceTiers, line.quantity);
            if (
              line.expectedUnitPriceMicros !== undefined &&
              line.expectedUnitPriceMicros !== unitPriceMicros
            ) {
              throw new BadInputError(
                `Line ${index + 1}: the price for ${line.quantity} units is ${unitPriceMicros} micro-euros, not ${line.expectedUnitPriceMicros}`,
                {
                  field: `lines[${index}].expectedUnitPriceMicros`,
                  unitPriceMicros,
                  reason: 'PRICE_CHANGED',
                  args: {
                    line: index + 1,
                    quantity: line.quantity,
                    unitPriceMicros,
                    expectedUnitPriceMicros: line.expectedUnitPriceMicros,
                  },
                },
              );
            }
            return { offer, quantity: line.quantity, unitPriceMicros };
          });
          const totals = priceOrder(lines, vatRateOn(await this.vatRates(manager), now));
          const ttl =
            input.paymentMethod === PaymentMethod.BANK_TRANSFER
              ? this.config.transferReservationHours * 3_600_000
              : this.config.paymentReservationMinutes * 60_000;
          const order = manager.create(Order, {
            id: randomUUID(),
            buyerId: ctx.organisationId,
            supplierId,
            status: OrderStatus.PLACED,
            paymentMethod: input.paymentMethod,
            deliveryDepartmentCode: department.code,
            subtotalCents: totals.subtotalCents,
            vatRateBasisPoints: totals.vatRateBasisPoints,
            vatCents: totals.vatCents,
            totalCents: totals.totalCents,
            reservationExpiresAt: new Date(now.getTime() + ttl),
            placedByUserId: ctx.userId ?? null,
            needId: options.needId ?? null,
          });
          // The order, its lines and the first line of its history in one statement (one round trip). A
          // transfer order also copies the supplier's account as it stands now, null without one (see
          // Order.supplierIban), through the query the organisations lib owns.
          const [generated]: {
            seq: number;
            created_at: Date;
            updated_at: Date;
            account_holder: string | null;
            iban: string | null;
            bic: string | null;
          }[] = await manager.query(
            `WITH account AS (
               SELECT * FROM (${bankAccountQuery('$3')}) AS a WHERE $20::boolean
             ), placed AS (
               INSERT INTO customer_order (id, buyer_id, supplier_id, status, payment_method, delivery_department_code, subtotal_cents,
                 vat_rate_basis_points, vat_cents, total_cents, reservation_expires_at, placed_by_user_id, need_id,
                 supplier_account_holder, supplier_iban, supplier_bic)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                 (SELECT "accountHolder" FROM account), (SELECT iban FROM account), (SELECT bic FROM account))
               RETURNING seq, created_at, updated_at, supplier_account_holder AS account_holder, supplier_iban AS iban, supplier_bic AS bic
             ), lines AS (
               INSERT INTO order_line (order_id, offer_id, product_id, quantity, unit_price_micros, line_total_cents)
               SELECT $1, l.* FROM unnest($14::uuid[], $15::uuid[], $16::int[], $17::int[], $18::bigint[]) AS l
             ), history AS (
               INSERT INTO order_transition (order_id, to_status, actor, actor_user_id) VALUES ($1, $4, $19, $12)
             )
             SELECT * FROM placed`,
            [
              order.id,
              order.buyerId,
              order.supplierId,
              order.status,
              order.paymentMethod,
              order.deliveryDepartmentCode,
              order.subtotalCents,
              order.vatRateBasisPoints,
              order.vatCents,
              order.totalCents,
              order.reservationExpiresAt,
              order.placedByUserId,
              order.needId,
              lines.map((line) => line.offer.id),
              lines.map((line) => line.offer.productId),
              lines.map((line) => line.quantity),
              lines.map((line) => line.unitPriceMicros),
              totals.lines.map((line) => line.lineTotalCents),
              OrderActor.BUYER,
              input.paymentMethod === PaymentMethod.BANK_TRANSFER,
            ],
          );
          Object.assign(order, {
            seq: generated.seq,
            createdAt: generated.created_at,
            updatedAt: generated.updated_at,
            ...accountSnapshotOf(
              generated.iban
                ? { accountHolder: generated.account_holder!, iban: generated.iban, bic: generated.bic! }
                : null,
            ),
          });
          await audit(manager, ctx, {
            action: 'order.placed',
            entityType: 'order',
            entityId: order.id,
            organisationId: order.buyerId,
            after: {
              supplierId,
              totalCents: totals.totalCents,
              lines: lines.map((l) => ({
                offerId: l.offer.id,
                quantity: l.quantity,
                unitPriceMicros: l.unitPriceMicros,
              })),
            },
          });
          await recordEvents(manager, [
            ORDER_EVENTS.placed(order.id),
            ORDER_EVENTS.reservationExpiry(order.id, order.reservationExpiresAt as Date),
          ]);
          await recordMovements(
            manager,
            ctx,
            stockMovementsOf(
              order.id,
              lines.map((line) => ({ offerId: line.offer.id, quantity: line.quantity })),
              StockMovementKind.RESERVATION,
            ),
          );
          return { id: order.id, value: order };
        },
        (id) => manager.findOneByOrFail(Order, { id }),
      ),
    );
  }

  /** The offers, as buyers may see them now, whose certification still holds on the estimated delivery. */
  private async orderableOffers(
    manager: EntityManager,
    ids: string[],
    now: Date,
  ): Promise<Map<string, Offer>> {
    const visibility = visibleToBuyers('o', { certifiedOn: now, acceptEquivalents: true });
    // One round trip: the offers and their products' certification end (rows align with entities: no joined entity).
    const { entities, raw } = await manager
      .getRepository(Offer)
      .createQueryBuilder('o')
      .innerJoin('product', 'p', 'p.id = o.product_id')
      .addSelect('p.certified_until', 'certified_until')
      .where('o.id = ANY(:ids)', { ids })
      .andWhere(visibility.sql, visibility.params)
      .getRawAndEntities<{ certified_until: Date }>();
    const offers = new Map(entities.map((offer) => [offer.id, offer]));
    const certifiedUntil = new Map(entities.map((offer, i) => [offer.id, raw[i].certified_until]));
    for (const id of ids) {
      const offer = offers.get(id);
      if (!offer) throw new NotFoundError('Offer', id);
      const until = certifiedUntil.get(id) as Date;
      const delivery = new Date(
        Math.max(now.getTime(), offer.availableFrom.getTime()) + offer.leadTimeDays * DAY_MS,
      );
      if (until <= delivery) {
        throw new BadInputError(
          `The certification of offer ${id} ends on ${until.toISOString().slice(0, 10)}, before the estimated delivery on ${delivery.toISOString().slice(0, 10)}`,
          {
            reason: 'CERTIFICATION_ENDS_BEFORE_DELIVERY',
            offerId: id,
            args: {
              certifiedUntil: until.toISOString().slice(0, 10),
              estimatedDelivery: delivery.toISOString().slice(0, 10),
            },
          },
        );
      }
    }
    return offers;
  }

  /** The VAT rates in force, read again at most once a minute: they change by migration, a few times a decade. */
  private async vatRates(manager: EntityManager) {
    if (!this.vatCache || Date.now() - this.vatCache.at > VAT_CACHE_MS) {
      const rows = await manager.getRepository(VatRateRow).find();
      this.vatCache = {
        at: Date.now(),
        rates: rows.map((row) => ({
          validFrom: new Date(`${row.validFrom}T00:00:00+01:00`),
          rateBasisPoints: row.rateBasisPoints,
        })),
      };
    }
    return this.vatCache.rates;
  }

  /** How the caller relates to an order; another tenant's order reads as not found. */
  actorFor(ctx: RequestContext, order: Order): OrderActor {
    const me = ctx.principal?.organisationId;
    if (me === order.buyerId) return OrderActor.BUYER;
    if (me === order.supplierId) return OrderActor.SUPPLIER;
    if (ctx.isDge) return OrderActor.OPERATOR;
    throw new NotFoundError('Order', order.id);
  }

  /**
   * The one way an order changes state: row lock, state machine, effect, status, history, audit,
   * events, all in one transaction. Concurrent moves on one order queue on the lock and each sees
   * the state the previous left; the loser of a race gets CONFLICT, not a second effect. A request
   * given as a function sees the locked order and may return null: nothing to do.
   */
  async transition(
    ctx: RequestContext,
    orderId: string,
    request: TransitionRequest | ((order: Order) => TransitionRequest | null),
    manager?: EntityManager,
  ): Promise<Order> {
    const [order] = await this.transitionMany(
      ctx,
      [orderId],
      typeof request === 'function' ? request : () => request,
      manager,
    );
    return order;
  }

  /**
   * Moves many orders at once (a batch of shipments from an ERP) as `transition` moves one, in the
   * same number of statements however many there are: the orders are locked in id order (and their
   * stock rows after them, in offer order), so concurrent batches never wait on each other crosswise.
   * Returns the orders as given, moved or not.
   */
  async transitionMany(
    ctx: RequestContext,
    orderIds: readonly string[],
    request: (order: Order) => TransitionRequest | null,
    manager?: EntityManager,
  ): Promise<Order[]> {
    const run = async (tx: EntityManager): Promise<Order[]> => {
      const locked = await tx
        .getRepository(Order)
        .createQueryBuilder('o')
        .setLock('pessimistic_write')
        .where('o.id = ANY(:ids)', { ids: orderIds })
        .orderBy('o.id')
        .getMany();
      const orders = new Map(locked.map((order) => [order.id, order]));
      const missing = orderIds.find((id) => !orders.has(id));
      if (missing) throw new NotFoundError('Order', missing);
      const linesOf = new Map<string, OrderLine[]>(locked.map((order) => [order.id, []]));
      for (const line of await tx.find(OrderLine, {
        where: { orderId: In([...orders.keys()]) },
        order: { id: 'ASC' },
      }))
        linesOf.get(line.orderId)!.push(line);
      const moves: Move[] = [];
      for (const order of locked) {
        const asked = request(order);
        // A job finding the order already past the point it was scheduled for has nothing to do.
        if (!asked) continue;
        const decision = decide(order.status, asked.action, asked.actor, { atRisk: order.flag !== null });
        if (!decision.ok) {
          throw decision.illegal === 'STATE'
            ? new ConflictError(decision.reason, { reason: 'ILLEGAL_TRANSITION', status: order.status })
            : new ForbiddenError(decision.reason);
        }
        const lines = linesOf.get(order.id)!;
        const linesBefore = JSON.stringify(lines.map(lineState));
        await asked.effect?.(tx, order, lines);
        moves.push({
          order,
          lines,
          from: order.status,
          ...asked,
          linesChanged: JSON.stringify(lines.map(lineState)) !== linesBefore,
        });
        order.status = decision.to;
      }
      if (moves.length) await this.recordMoves(tx, ctx, moves);
      return orderIds.map((id) => orders.get(id)!);
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** Writes decided moves: one statement per table whatever their number; the stock last, so a hot lot's row stays locked only until the commit. */
  private async recordMoves(tx: EntityManager, ctx: RequestContext, moves: Move[]): Promise<void> {
    await tx.query(
      `UPDATE customer_order o SET status = v.status, payment_reference = v.payment_reference, paid_at = v.paid_at, refund_reference = v.refund_reference,
         carrier = v.carrier, tracking_number = v.tracking_number, shipped_at = v.shipped_at, delivered_at = v.delivered_at, received_at = v.received_at,
         cancellation_reason = v.cancellation_reason, flag = v.flag, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, status text, payment_reference text, paid_at timestamptz, refund_reference text, carrier text,
         tracking_number text, shipped_at timestamptz, delivered_at timestamptz, received_at timestamptz, cancellation_reason text, flag text)
       WHERE o.id = v.id`,
      [JSON.stringify(moves.map(({ order }) => ({ id: order.id, ...orderState(order) })))],
    );
    const changedLines = moves.filter((move) => move.linesChanged).flatMap((move) => move.lines);
    if (changedLines.length) {
      await tx.query(
        `UPDATE order_line l SET lot_numbers = v.lot_numbers, received_quantity = v.received_quantity, received_lot_numbers = v.received_lot_numbers, discrepancy_note = v.discrepancy_note
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, lot_numbers text[], received_quantity int, received_lot_numbers text[], discrepancy_note text)
         WHERE l.id = v.id`,
        [JSON.stringify(changedLines.map((line) => ({ id: line.id, ...lineState(line) })))],
      );
    }
    const actorUserId = ctx.userId ?? null;
    await tx.insert(
      OrderTransition,
      moves.map(({ order, from, action, actor, note }) => ({
        orderId: order.id,
        fromStatus: from,
        toStatus: order.status,
        action,
        actor,
        actorUserId,
        note: note ?? null,
      })),
    );
    await auditAll(
      tx,
      ctx,
      moves.map(({ order, from, action, note }) => ({
        action: `order.${action.toLowerCase()}`,
        entityType: 'order',
        entityId: order.id,
        organisationId: order.buyerId,
        before: { status: from },
        after: { status: order.status, note: note ?? null },
      })),
    );
    const parties = [...new Set(moves.flatMap(({ order }) => [order.buyerId, order.supplierId]))];
    const contacts = new Map((await adminContactsOf(tx, parties)).map((email, i) => [parties[i], email]));
    await recordEvents(
      tx,
      moves.flatMap((move) => this.eventsFor(move, contacts)),
    );
    await recordMovements(
      tx,
      ctx,
      moves.flatMap(({ order, lines, from }) => {
        const kind =
          order.status === OrderStatus.SHIPPED
            ? StockMovementKind.SALE
            : holdsReservation(from) && !holdsReservation(order.status)
              ? StockMovementKind.RELEASE
              : null;
        return kind ? stockMovementsOf(order.id, lines, kind) : [];
      }),
    );
  }

  /** Who must hear of a move, and what jobs follow it. */
  private eventsFor({ order, from, action }: Move, contacts: Map<string, string | null>): DomainEvent[] {
    const number = orderNumber(order);
    const [buyer, supplier] = [contacts.get(order.buyerId) ?? null, contacts.get(order.supplierId) ?? null];
    const tell = (to: string | null, subject: string, body: string) =>
      to ? [notificationEvent({ recipient: to, subject, body })] : [];
    switch (action) {
      case OrderAction.RECORD_PAYMENT:
        return [
          ...tell(supplier, `Commande ${number} payée`, `La commande ${number} est payée : confirmez-la.`),
          ORDER_EVENTS.invoice(order.id),
        ];
      case OrderAction.ISSUE_INVOICE: {
        const { reference, account } = bankTransferOf(order);
        const where = account
          ? ` sur le compte de ${account.accountHolder}, IBAN ${printableIban(account.iban)}, BIC ${account.bic}`
          : ' ; le fournisseur n’a pas déclaré de coordonnées bancaires : demandez-les-lui';
        return [
          ORDER_EVENTS.invoice(order.id),
          ...tell(
            buyer,
            `Commande ${number} : facture à régler par virement`,
            `Réglez la commande ${number} par virement avant le ${order.reservationExpiresAt?.toISOString().slice(0, 10)}, en indiquant la référence ${reference}${where}.`,
          ),
        ];
      }
      case OrderAction.CONFIRM:
        return tell(
          buyer,
          `Commande ${number} confirmée`,
          `Le fournisseur a confirmé la commande ${number}.`,
        );
      case OrderAction.SHIP:
        return [
          ...tell(
            buyer,
            `Commande ${number} expédiée`,
            `Transporteur ${order.carrier}, suivi ${order.trackingNumber}.`,
          ),
          ORDER_EVENTS.deliveryReminder(
            order.id,
            new Date(Date.now() + this.config.deliveryReminderDays * DAY_MS),
          ),
        ];
      case OrderAction.DELIVER:
        return [
          ...tell(
            buyer,
            `Commande ${number} livrée`,
            `Accusez réception de la commande ${number} en ligne, ligne par ligne.`,
          ),
          ORDER_EVENTS.receiptReminder(
            order.id,
            new Date(Date.now() + this.config.receiptReminderDays * DAY_MS),
          ),
        ];
      case OrderAction.RECORD_LATE_PAYMENT:
        return [ORDER_EVENTS.refund(order.id)];
      case OrderAction.REFUND:
        return tell(
          buyer,
          `Commande ${number} remboursée`,
          `La commande ${number} a été remboursée (${order.refundReference}).`,
        );
      case OrderAction.CANCEL:
      case OrderAction.EXPIRE: {
        const refund =
          from === OrderStatus.PAID || from === OrderStatus.CONFIRMED ? [ORDER_EVENTS.refund(order.id)] : [];
        const stopPayment =
          from === OrderStatus.AWAITING_PAYMENT ? [ORDER_EVENTS.paymentCancel(order.id)] : [];
        const word = action === OrderAction.CANCEL ? 'annulée' : 'expirée (non payée à temps)';
        return [
          ...refund,
          ...stopPayment,
          ...tell(buyer, `Commande ${number} ${word}`, `La commande ${number} est ${word}.`),
          ...tell(
            supplier,
            `Commande ${number} ${word}`,
            `La commande ${number} est ${word} ; le stock réservé est libéré.`,
          ),
        ];
      }
      default:
        return [];
    }
  }

  /** A user's move on an order: the actor comes from who the caller is for this order. */
  act(
    ctx: RequestContext,
    orderId: string,
    action: OrderAction,
    note: string | null,
    effect?: Effect,
  ): Promise<Order> {
    return this.transition(ctx, orderId, (order) => ({
      action,
      actor: this.actorFor(ctx, order),
      note,
      effect,
    }));
  }

  ship(ctx: RequestContext, orderId: string, input: ShipOrderInput): Promise<Order> {
    return this.act(
      ctx,
      orderId,
      OrderAction.SHIP,
      `${input.carrier} ${input.trackingNumber}`,
      shipEffect(input),
    );
  }

  deliver(ctx: RequestContext, orderId: string): Promise<Order> {
    return this.act(ctx, orderId, OrderAction.DELIVER, null, deliverEffect);
  }

  /**
   * The supplier's ERP reports shipments (or, with `deliveredOrderIds`, its carrier's deliveries) in
   * bulk. All or nothing, as the offer upsert: every order must be one of the caller's sales, in a
   * state the report fits (SHIPMENT_REPORTABLE, DELIVERY_REPORTABLE), and every shipment must give
   * the lots of each of its order's lines; otherwise BAD_USER_INPUT lists each bad row
   * (extensions.rows) and nothing is recorded. The batch is then applied by jobs of FULFILMENT_CHUNK
   * orders each (at least once, effect once): a batch of thousands answers at once, and a chunk that
   * fails retries alone.
   */
  async recordFulfilment(
    ctx: RequestContext,
    batch: { shipments?: RecordedShipmentInput[]; deliveredOrderIds?: string[] },
  ): Promise<number> {
    const orderIds = batch.shipments?.map((s) => s.orderId) ?? batch.deliveredOrderIds ?? [];
    if (new Set(orderIds).size !== orderIds.length)
      throw new BadInputError('Each order may appear once per batch', {
        field: 'orderIds',
        reason: 'ORDER_REPEATED_IN_BATCH',
      });
    const found: { id: string; seq: number; status: OrderStatus; line_ids: string[] }[] =
      await this.dataSource.query(
        `SELECT o.id, o.seq, o.status, array_agg(l.id) AS line_ids FROM customer_order o JOIN order_line l ON l.order_id = o.id
       WHERE o.id = ANY($1::uuid[]) AND o.supplier_id = $2 GROUP BY o.id`,
        [orderIds, ctx.organisationId],
      );
    if (found.length !== orderIds.length)
      throw new NotFoundError(`${orderIds.length - found.length} of the orders`);
    const orders = new Map(found.map((order) => [order.id, order]));
    const [reportable, field, { rule, reason }] = batch.shipments
      ? [
          SHIPMENT_REPORTABLE,
          'shipments',
          { rule: 'only a paid order can be shipped', reason: 'SHIPPED_BEFORE_PAYMENT' },
        ]
      : [
          DELIVERY_REPORTABLE,
          'orderIds',
          { rule: 'only a shipped order can be delivered', reason: 'DELIVERED_BEFORE_SHIPMENT' },
        ];
    const rows: ({ index: number; orderId: string } & FieldRefusal)[] = [];
    orderIds.forEach((orderId, index) => {
      const order = orders.get(orderId)!;
      if (!reportable.includes(order.status))
        rows.push({
          index,
          orderId,
          field: `${field}[${index}]`,
          message: `order ${orderNumber(order)} is ${order.status}: ${rule}`,
          reason,
          args: { orderNumber: orderNumber(order), status: order.status },
        });
      const linesProblem = batch.shipments && shipmentLinesProblem(batch.shipments[index], order.line_ids);
      if (linesProblem) rows.push({ index, orderId, field: `shipments[${index}].lines`, ...linesProblem });
    });
    if (rows.length)
      throw new BadInputError(
        `${new Set(rows.map((row) => row.index)).size} of ${orderIds.length} rows cannot be applied; nothing was recorded`,
        { rows },
      );
    await this.dataSource.transaction(async (manager) => {
      const events: DomainEvent[] = [];
      for (let i = 0; i < orderIds.length; i += FULFILMENT_CHUNK) {
        events.push(
          batch.shipments
            ? ORDER_EVENTS.shipmentsRecorded(batch.shipments.slice(i, i + FULFILMENT_CHUNK))
            : ORDER_EVENTS.deliveriesRecorded(orderIds.slice(i, i + FULFILMENT_CHUNK)),
        );
      }
      await recordEvents(manager, events);
      await audit(manager, ctx, {
        action: batch.shipments ? 'orders.shipments-recorded' : 'orders.deliveries-recorded',
        entityType: 'order_batch',
        entityId: randomUUID(),
        organisationId: ctx.organisationId,
        after: { orderIds },
      });
    });
    return orderIds.length;
  }

  /** Job side of recorded shipments: a paid order is confirmed by its shipment; an order no longer shippable is left alone. */
  async applyRecordedShipments(manager: EntityManager, shipments: RecordedShipmentInput[]): Promise<void> {
    const ctx = RequestContext.system();
    const byOrder = new Map(shipments.map((shipment) => [shipment.orderId, shipment]));
    const asSupplier =
      (action: OrderAction, status: OrderStatus, effect?: (shipment: RecordedShipmentInput) => Effect) =>
      (order: Order) => {
        const shipment = byOrder.get(order.id)!;
        return order.status === status
          ? {
              action,
              actor: OrderActor.SUPPLIER,
              note: `${shipment.carrier} ${shipment.trackingNumber}`,
              effect: effect?.(shipment),
            }
          : null;
      };
    await this.transitionMany(
      ctx,
      [...byOrder.keys()],
      asSupplier(OrderAction.CONFIRM, OrderStatus.PAID),
      manager,
    );
    await this.transitionMany(
      ctx,
      [...byOrder.keys()],
      asSupplier(OrderAction.SHIP, OrderStatus.CONFIRMED, shipEffect),
      manager,
    );
  }

  async applyRecordedDeliveries(manager: EntityManager, orderIds: string[]): Promise<void> {
    await this.transitionMany(
      RequestContext.system(),
      orderIds,
      (order) =>
        order.status === OrderStatus.SHIPPED
          ? {
              action: OrderAction.DELIVER,
              actor: OrderActor.SUPPLIER,
              note: 'reported by the carrier',
              effect: deliverEffect,
            }
          : null,
      manager,
    );
  }

  /** The buyer's acknowledgement of receipt, line by line; differences are kept as discrepancies. */
  acknowledgeReceipt(ctx: RequestContext, orderId: string, input: AcknowledgeReceiptInput): Promise<Order> {
    return this.act(ctx, orderId, OrderAction.ACKNOWLEDGE_RECEIPT, null, async (_manager, order, lines) => {
      const received = new Map(input.lines.map((line) => [line.lineId, line]));
      if (received.size !== lines.length || lines.some((line) => !received.has(line.id))) {
        throw new BadInputError('Acknowledge every line of the order, once each', {
          field: 'lines',
          reason: 'RECEIPT_LINES_INCOMPLETE',
        });
      }
      for (const line of lines) {
        const report = received.get(line.id)!;
        const lotsDiffer =
          report.receivedLotNumbers !== undefined &&
          [...report.receivedLotNumbers].sort().join() !== [...line.lotNumbers].sort().join();
        const notes = [
          report.receivedQuantity !== line.quantity
            ? `received ${report.receivedQuantity} of ${line.quantity}`
            : null,
          lotsDiffer ? `lots received: ${report.receivedLotNumbers!.join(', ')}` : null,
          report.note ?? null,
        ].filter(Boolean);
        Object.assign(line, {
          receivedQuantity: report.receivedQuantity,
          receivedLotNumbers: lotsDiffer ? report.receivedLotNumbers : null,
          discrepancyNote: notes.length ? notes.join('; ') : null,
        });
      }
      order.receivedAt = new Date();
    });
  }

  cancel(ctx: RequestContext, orderId: string, reason: string): Promise<Order> {
    return this.act(ctx, orderId, OrderAction.CANCEL, reason, async (_manager, order) => {
      order.cancellationReason = reason;
    });
  }

  /**
   * The supplier or an operator records a bank transfer received. Card and SEPA payments are
   * recorded by the provider's webhook only: a person cannot declare them paid.
   */
  recordTransfer(ctx: RequestContext, orderId: string, reference: string): Promise<Order> {
    return this.act(ctx, orderId, OrderAction.RECORD_PAYMENT, reference, async (_manager, order) => {
      if (order.paymentMethod !== PaymentMethod.BANK_TRANSFER) {
        throw new BadInputError(
          'Only a bank transfer is recorded by hand; card and SEPA payments are confirmed by the provider',
          { field: 'id', reason: 'PAYMENT_NOT_BY_TRANSFER' },
        );
      }
      Object.assign(order, { paidAt: new Date(), paymentReference: reference });
    });
  }

  /** A bank transfer refunded by the supplier (card refunds are made by the platform). */
  recordTransferRefund(ctx: RequestContext, orderId: string, reference: string): Promise<Order> {
    return this.act(ctx, orderId, OrderAction.REFUND, reference, async (_manager, order) => {
      if (order.paymentMethod !== PaymentMethod.BANK_TRANSFER || !order.paidAt) {
        throw new BadInputError(
          'Only a paid bank transfer is refunded by hand; card refunds are made by the platform',
          { field: 'id', reason: 'REFUND_NOT_OF_PAID_TRANSFER' },
        );
      }
      order.refundReference = reference;
    });
  }

  async findVisible(ctx: RequestContext, id: string): Promise<Order> {
    const order = await this.dataSource.getRepository(Order).findOneBy({ id });
    if (!order) throw new NotFoundError('Order', id);
    this.actorFor(ctx, order);
    return order;
  }

  /** The caller's orders: bought, sold, or (DGE) all, filtered; the query CSV exports reuse. */
  query(ctx: RequestContext, args: Omit<OrdersArgs, 'first' | 'after' | 'sort'>): SelectQueryBuilder<Order> {
    const qb = this.dataSource.getRepository(Order).createQueryBuilder('o');
    const me = ctx.organisationId;
    if (args.side === OrderSide.BUYING) qb.where('o.buyer_id = :me', { me });
    else if (args.side === OrderSide.SELLING) qb.where('o.supplier_id = :me', { me });
    else if (!ctx.isDge) qb.where('(o.buyer_id = :me OR o.supplier_id = :me)', { me });
    if (args.status) qb.andWhere('o.status = :status', { status: args.status });
    if (args.placedFrom) qb.andWhere('o.created_at >= :from', { from: args.placedFrom });
    if (args.placedBefore) qb.andWhere('o.created_at < :before', { before: args.placedBefore });
    return qb;
  }

  list(ctx: RequestContext, args: OrdersArgs): Promise<Connection<Order>> {
    const sort: SortSpec<Order> =
      args.sort === OrderSort.TOTAL
        ? { column: 'o.total_cents', value: (o) => o.totalCents, direction: 'DESC' }
        : { column: 'o.created_at', value: (o) => o.createdAt, direction: 'DESC' };
    return paginate(this.query(ctx, args), 'o.id', sort, args);
  }

  /** Names and SIRETs of the organisations on a set of orders (exports). */
  async partiesOf(ids: string[]): Promise<Map<string, { name: string; siret: string }>> {
    const rows: { id: string; name: string; siret: string }[] = await this.dataSource.query(
      `SELECT id, name, siret FROM organisation WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, { name: row.name, siret: row.siret }]));
  }

  linesOf(ctx: RequestContext, orderId: string): Promise<OrderLine[]> {
    return ctx
      .loader<string, OrderLine[]>('orders.lines', async (ids) => {
        const rows = await this.dataSource
          .getRepository(OrderLine)
          .createQueryBuilder('l')
          .where('l.order_id = ANY(:ids)', { ids: [...ids] })
          .orderBy('l.id')
          .getMany();
        return ids.map((id) => rows.filter((row) => row.orderId === id));
      })
      .load(orderId);
  }

  historyOf(ctx: RequestContext, orderId: string): Promise<OrderTransition[]> {
    return ctx
      .loader<string, OrderTransition[]>('orders.history', async (ids) => {
        // The actor's name joins in the same query: both sides (and the DGE) may see who acted on
        // an order they can read; API keys and jobs record no user, so their name stays null.
        const { entities, raw } = await this.dataSource
          .getRepository(OrderTransition)
          .createQueryBuilder('t')
          .leftJoin(User, 'u', 'u.id = t.actor_user_id')
          .addSelect('u.full_name', 'actor_name')
          .where('t.order_id = ANY(:ids)', { ids: [...ids] })
          .orderBy('t.id')
          .getRawAndEntities<{ t_id: string | number; actor_name: string | null }>();
        const names = new Map(raw.map((row) => [String(row.t_id), row.actor_name]));
        const rows = entities.map((row) =>
          Object.assign(row, { actorName: names.get(String(row.id)) ?? null }),
        );
        return ids.map((id) => rows.filter((row) => row.orderId === id));
      })
      .load(orderId);
  }
}

export { orderNumber };

/** The stock movements of an order's lines (recordMovements orders the locks). */
const stockMovementsOf = (
  orderId: string,
  lines: readonly { offerId: string; quantity: number }[],
  kind: StockMovementKind,
): MovementRequest[] =>
  lines.map((line) => ({
    offerId: line.offerId,
    kind,
    quantity: line.quantity,
    reference: `order:${orderId}`,
  }));

/** A shipment must give the lots of every line of its order, once each. */
function shipmentLinesProblem(
  input: ShipOrderInput,
  lineIds: readonly string[],
): { message: string; reason: string } | null {
  const given = new Set(input.lines.map((line) => line.lineId));
  const complete =
    given.size === input.lines.length &&
    given.size === lineIds.length &&
    lineIds.every((id) => given.has(id));
  return complete
    ? null
    : {
        message: 'Give the lot numbers of every line of the order, once each',
        reason: 'SHIPMENT_LOTS_INCOMPLETE',
      };
}

/** The lots of each line of an order's shipment. */
function lotsByLine(input: ShipOrderInput, lines: readonly { id: string }[]): Map<string, string[]> {
  const problem = shipmentLinesProblem(
    input,
    lines.map((line) => line.id),
  );
  if (problem) throw new BadInputError(problem.message, { field: 'lines', reason: problem.reason });
  return new Map(input.lines.map((line) => [line.lineId, line.lotNumbers]));
}

/** Records the lots of every line and the carrier: the same whether the supplier ships by hand or through its ERP. */
function shipEffect(input: ShipOrderInput): Effect {
  return async (_manager, order, lines) => {
    const lots = lotsByLine(input, lines);
    for (const line of lines) line.lotNumbers = lots.get(line.id)!;
    Object.assign(order, {
      carrier: input.carrier,
      trackingNumber: input.trackingNumber,
      shippedAt: new Date(),
    });
  };
}

const deliverEffect: Effect = async (_manager, order) => {
  order.deliveredAt = new Date();
};
