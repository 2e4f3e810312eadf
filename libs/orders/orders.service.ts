import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import {
  APP_CONFIG,
  BadInputError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RequestContext,
  audit,
  notificationEvent,
  once,
  paginate,
  recordEvents,
  type AppConfig,
  type Connection,
  type DomainEvent,
  type SortSpec,
} from '@masks/core';
import { Offer, orderQuantityProblem, recordMovement, StockMovementKind, unitPriceFor, visibleToBuyers } from '@masks/catalog';
import { adminContactsOf, findDepartment } from '@masks/organisations';
import { decide, holdsReservation, OrderAction, OrderActor, OrderStatus } from './domain/order.states';
import { priceOrder, vatRateOn } from './domain/pricing';
import { Order, OrderLine, OrderTransition, PaymentMethod, VatRateRow } from './order.entity';
import { ORDER_EVENTS } from './order.events';
import { PaymentGateway } from './payment-gateway';
import { OrderSide, OrderSort, type AcknowledgeReceiptInput, type OrdersArgs, type PlaceOrderInput, type RecordedShipmentInput, type ShipOrderInput } from './dto/order.inputs';

const DAY_MS = 86_400_000;

/** What a transition changes besides the status, inside the same transaction. */
type Effect = (manager: EntityManager, order: Order, lines: OrderLine[]) => Promise<void>;

export interface TransitionRequest {
  action: OrderAction;
  actor: OrderActor;
  note?: string | null;
  /** Applied after the state machine agreed, before the status changes. */
  effect?: Effect;
}

@Injectable()
export class OrdersService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly payments: PaymentGateway,
  ) {}

  /**
   * Places an order: prices from the offers' tiers (never from the client), VAT from the rate in
   * force, and the stock reserved in the same transaction by one conditional UPDATE per line (in
   * offer id order, so two orders never wait on each other crosswise). The reservations come last
   * so the hot stock rows stay locked for as short a time as possible. Out of stock → CONFLICT with
   * what is left; nothing is written.
   */
  /** `options.manager`: run inside the caller's transaction (accepting a proposal places its order atomically). */
  async place(ctx: RequestContext, input: PlaceOrderInput, idempotencyKey?: string, options: { needId?: string; manager?: EntityManager } = {}): Promise<Order> {
    const department = findDepartment(input.deliveryDepartmentCode);
    if (!department) throw new BadInputError(`Unknown department code "${input.deliveryDepartmentCode}"`, { field: 'deliveryDepartmentCode' });
    if (input.paymentMethod !== PaymentMethod.BANK_TRANSFER && !this.payments.cardPaymentsEnabled) {
      throw new BadInputError('Card and SEPA payments are not available here: pay by bank transfer on invoice', { field: 'paymentMethod' });
    }
    const offerIds = input.lines.map((line) => line.offerId);
    if (new Set(offerIds).size !== offerIds.length) throw new BadInputError('Each offer may appear on one line only', { field: 'lines' });
    const inTransaction = (work: (manager: EntityManager) => Promise<Order>) => (options.manager ? work(options.manager) : this.dataSource.transaction(work));
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
            throw new BadInputError('An order is placed with one supplier: split the lines by supplier', { field: 'lines' });
          }
          if (supplierId === ctx.organisationId) throw new ForbiddenError('A supplier cannot order from itself');
          const lines = input.lines.map((line, index) => {
            const offer = offers.get(line.offerId)!;
            const problem = orderQuantityProblem(offer, line.quantity);
            if (problem) throw new BadInputError(`Line ${index + 1}: ${problem}`, { field: `lines[${index}].quantity` });
            const unitPriceMicros = unitPriceFor(offer.priceTiers, line.quantity);
            if (line.expectedUnitPriceMicros !== undefined && line.expectedUnitPriceMicros !== unitPriceMicros) {
              throw new BadInputError(`Line ${index + 1}: the price for ${line.quantity} units is ${unitPriceMicros} micro-euros, not ${line.expectedUnitPriceMicros}`, {
                field: `lines[${index}].expectedUnitPriceMicros`,
                unitPriceMicros,
              });
            }
            return { offer, quantity: line.quantity, unitPriceMicros };
          });
          const totals = priceOrder(lines, vatRateOn(await this.vatRates(manager), now));
          const ttl = input.paymentMethod === PaymentMethod.BANK_TRANSFER ? this.config.transferReservationHours * 3_600_000 : this.config.paymentReservationMinutes * 60_000;
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
          await manager.insert(Order, order);
          await manager.insert(
            OrderLine,
            lines.map((line, i) => ({
              orderId: order.id,
              offerId: line.offer.id,
              productId: line.offer.productId,
              quantity: line.quantity,
              unitPriceMicros: line.unitPriceMicros,
              lineTotalCents: totals.lines[i].lineTotalCents,
            })),
          );
          await manager.insert(OrderTransition, { orderId: order.id, fromStatus: null, toStatus: OrderStatus.PLACED, action: null, actor: OrderActor.BUYER, actorUserId: ctx.userId ?? null });
          await audit(manager, ctx, {
            action: 'order.placed',
            entityType: 'order',
            entityId: order.id,
            organisationId: order.buyerId,
            after: { supplierId, totalCents: totals.totalCents, lines: lines.map((l) => ({ offerId: l.offer.id, quantity: l.quantity, unitPriceMicros: l.unitPriceMicros })) },
          });
          await recordEvents(manager, [
            ORDER_EVENTS.placed(order.id),
            ORDER_EVENTS.reservationExpiry(order.id, order.reservationExpiresAt as Date),
          ]);
          await moveOrderStock(manager, ctx, order.id, lines.map((line) => ({ offerId: line.offer.id, quantity: line.quantity })), StockMovementKind.RESERVATION);
          // insert() filled the generated columns (number, dates) into `order`.
          return { id: order.id, value: order };
        },
        (id) => manager.findOneByOrFail(Order, { id }),
      ),
    );
  }

  /** The offers, as buyers may see them now, whose certification still holds on the estimated delivery. */
  private async orderableOffers(manager: EntityManager, ids: string[], now: Date): Promise<Map<string, Offer>> {
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
      const delivery = new Date(Math.max(now.getTime(), offer.availableFrom.getTime()) + offer.leadTimeDays * DAY_MS);
      if (until <= delivery) {
        throw new BadInputError(
          `The certification of offer ${id} ends on ${until.toISOString().slice(0, 10)}, before the estimated delivery on ${delivery.toISOString().slice(0, 10)}`,
          { reason: 'CERTIFICATION_ENDS_BEFORE_DELIVERY', offerId: id },
        );
      }
    }
    return offers;
  }

  private vatRates(manager: EntityManager) {
    return manager
      .getRepository(VatRateRow)
      .find()
      .then((rows) => rows.map((row) => ({ validFrom: new Date(`${row.validFrom}T00:00:00+01:00`), rateBasisPoints: row.rateBasisPoints })));
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
    const run = async (tx: EntityManager): Promise<Order> => {
      const order = await tx.getRepository(Order).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id: orderId }).getOne();
      if (!order) throw new NotFoundError('Order', orderId);
      const asked = typeof request === 'function' ? request(order) : request;
      // A job finding the order already past the point it was scheduled for has nothing to do.
      if (!asked) return order;
      const { action, actor, note, effect } = asked;
      const decision = decide(order.status, action, actor);
      if (!decision.ok) {
        throw decision.illegal === 'STATE' ? new ConflictError(decision.reason, { reason: 'ILLEGAL_TRANSITION', status: order.status }) : new ForbiddenError(decision.reason);
      }
      const lines = await tx.findBy(OrderLine, { orderId });
      const from = order.status;
      await effect?.(tx, order, lines);
      order.status = decision.to;
      // One UPDATE of what a move can change (save() would first re-read the row it holds locked).
      const { status, paymentReference, paidAt, refundReference, carrier, trackingNumber, shippedAt, deliveredAt, receivedAt, cancellationReason, flag } = order;
      await tx.update(Order, { id: orderId }, { status, paymentReference, paidAt, refundReference, carrier, trackingNumber, shippedAt, deliveredAt, receivedAt, cancellationReason, flag });
      const saved = order;
      await tx.insert(OrderTransition, { orderId, fromStatus: from, toStatus: decision.to, action, actor, actorUserId: ctx.userId ?? null, note: note ?? null });
      await audit(tx, ctx, { action: `order.${action.toLowerCase()}`, entityType: 'order', entityId: orderId, organisationId: order.buyerId, before: { status: from }, after: { status: decision.to, note: note ?? null } });
      await recordEvents(tx, await this.eventsFor(tx, saved, from, action));
      // Last, so a lot's stock row (hot when many orders share it) stays locked only until the commit.
      await this.stockEffects(tx, ctx, order, lines, from, decision.to);
      return saved;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** Reserved stock goes back on cancel or expiry, and leaves on shipment: each a ledger movement. */
  private async stockEffects(manager: EntityManager, ctx: RequestContext, order: Order, lines: OrderLine[], from: OrderStatus, to: OrderStatus): Promise<void> {
    const kind = to === OrderStatus.SHIPPED ? StockMovementKind.SALE : holdsReservation(from) && !holdsReservation(to) ? StockMovementKind.RELEASE : null;
    if (kind) await moveOrderStock(manager, ctx, order.id, lines, kind);
  }

  /** Who must hear of a move, and what jobs follow it. */
  private async eventsFor(manager: EntityManager, order: Order, from: OrderStatus, action: OrderAction): Promise<DomainEvent[]> {
    const number = orderNumber(order);
    const [buyer, supplier] = await adminContactsOf(manager, [order.buyerId, order.supplierId]);
    const tell = (to: string | null, subject: string, body: string) => (to ? [notificationEvent({ recipient: to, subject, body })] : []);
    switch (action) {
      case OrderAction.RECORD_PAYMENT:
        return [...tell(supplier, `Commande ${number} payée`, `La commande ${number} est payée : confirmez-la.`), ORDER_EVENTS.invoice(order.id)];
      case OrderAction.ISSUE_INVOICE:
        return [ORDER_EVENTS.invoice(order.id), ...tell(buyer, `Commande ${number} : facture à régler par virement`, `Réglez la commande ${number} par virement avant le ${order.reservationExpiresAt?.toISOString().slice(0, 10)}.`)];
      case OrderAction.CONFIRM:
        return tell(buyer, `Commande ${number} confirmée`, `Le fournisseur a confirmé la commande ${number}.`);
      case OrderAction.SHIP:
        return [
          ...tell(buyer, `Commande ${number} expédiée`, `Transporteur ${order.carrier}, suivi ${order.trackingNumber}.`),
          ORDER_EVENTS.deliveryReminder(order.id, new Date(Date.now() + this.config.deliveryReminderDays * DAY_MS)),
        ];
      case OrderAction.DELIVER:
        return [
          ...tell(buyer, `Commande ${number} livrée`, `Accusez réception de la commande ${number} en ligne, ligne par ligne.`),
          ORDER_EVENTS.receiptReminder(order.id, new Date(Date.now() + this.config.receiptReminderDays * DAY_MS)),
        ];
      case OrderAction.RECORD_LATE_PAYMENT:
        return [ORDER_EVENTS.refund(order.id)];
      case OrderAction.REFUND:
        return tell(buyer, `Commande ${number} remboursée`, `La commande ${number} a été remboursée (${order.refundReference}).`);
      case OrderAction.CANCEL:
      case OrderAction.EXPIRE: {
        const refund = from === OrderStatus.PAID || from === OrderStatus.CONFIRMED ? [ORDER_EVENTS.refund(order.id)] : [];
        const word = action === OrderAction.CANCEL ? 'annulée' : 'expirée (non payée à temps)';
        return [...refund, ...tell(buyer, `Commande ${number} ${word}`, `La commande ${number} est ${word}.`), ...tell(supplier, `Commande ${number} ${word}`, `La commande ${number} est ${word} ; le stock réservé est libéré.`)];
      }
      default:
        return [];
    }
  }

  /** A user's move on an order: the actor comes from who the caller is for this order. */
  act(ctx: RequestContext, orderId: string, action: OrderAction, note: string | null, effect?: Effect): Promise<Order> {
    return this.transition(ctx, orderId, (order) => ({ action, actor: this.actorFor(ctx, order), note, effect }));
  }

  ship(ctx: RequestContext, orderId: string, input: ShipOrderInput): Promise<Order> {
    return this.act(ctx, orderId, OrderAction.SHIP, `${input.carrier} ${input.trackingNumber}`, shipEffect(input));
  }

  deliver(ctx: RequestContext, orderId: string): Promise<Order> {
    return this.act(ctx, orderId, OrderAction.DELIVER, null, deliverEffect);
  }

  /**
   * The supplier's ERP reports shipments (or, with `delivered`, its carrier's deliveries) in bulk:
   * every order must be one of the caller's sales, checked now; each is then applied by its own job
   * (at least once, effect once), so a batch of thousands answers at once and a failure retries alone.
   */
  async recordFulfilment(ctx: RequestContext, batch: { shipments?: RecordedShipmentInput[]; deliveredOrderIds?: string[] }): Promise<number> {
    const orderIds = batch.shipments?.map((s) => s.orderId) ?? batch.deliveredOrderIds ?? [];
    if (new Set(orderIds).size !== orderIds.length) throw new BadInputError('Each order may appear once per batch', { field: 'orderIds' });
    const [owned]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM customer_order WHERE id = ANY($1::uuid[]) AND supplier_id = $2`, [
      orderIds,
      ctx.organisationId,
    ]);
    if (owned.n !== orderIds.length) throw new NotFoundError(`${orderIds.length - owned.n} of the orders`);
    await this.dataSource.transaction(async (manager) => {
      await recordEvents(
        manager,
        batch.shipments
          ? batch.shipments.map((shipment) => ORDER_EVENTS.shipmentRecorded(shipment))
          : orderIds.map((orderId) => ORDER_EVENTS.deliveryRecorded(orderId)),
      );
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

  /** Job side of a recorded shipment: a paid order is confirmed by its shipment; an order no longer shippable is left alone. */
  async applyRecordedShipment(manager: EntityManager, shipment: RecordedShipmentInput): Promise<void> {
    const ctx = RequestContext.system();
    const asSupplier = (action: OrderAction, status: OrderStatus, effect?: Effect) => (order: Order) =>
      order.status === status ? { action, actor: OrderActor.SUPPLIER, note: `${shipment.carrier} ${shipment.trackingNumber}`, effect } : null;
    await this.transition(ctx, shipment.orderId, asSupplier(OrderAction.CONFIRM, OrderStatus.PAID), manager);
    await this.transition(ctx, shipment.orderId, asSupplier(OrderAction.SHIP, OrderStatus.CONFIRMED, shipEffect(shipment)), manager);
  }

  async applyRecordedDelivery(manager: EntityManager, orderId: string): Promise<void> {
    await this.transition(
      RequestContext.system(),
      orderId,
      (order) => (order.status === OrderStatus.SHIPPED ? { action: OrderAction.DELIVER, actor: OrderActor.SUPPLIER, note: 'reported by the carrier', effect: deliverEffect } : null),
      manager,
    );
  }

  /** The buyer's acknowledgement of receipt, line by line; differences are kept as discrepancies. */
  acknowledgeReceipt(ctx: RequestContext, orderId: string, input: AcknowledgeReceiptInput): Promise<Order> {
    return this.act(ctx, orderId, OrderAction.ACKNOWLEDGE_RECEIPT, null, async (manager, order, lines) => {
      const received = new Map(input.lines.map((line) => [line.lineId, line]));
      if (received.size !== lines.length || lines.some((line) => !received.has(line.id))) {
        throw new BadInputError('Acknowledge every line of the order, once each', { field: 'lines' });
      }
      for (const line of lines) {
        const report = received.get(line.id)!;
        const lotsDiffer = report.receivedLotNumbers !== undefined && [...report.receivedLotNumbers].sort().join() !== [...line.lotNumbers].sort().join();
        const notes = [
          report.receivedQuantity !== line.quantity ? `received ${report.receivedQuantity} of ${line.quantity}` : null,
          lotsDiffer ? `lots received: ${report.receivedLotNumbers!.join(', ')}` : null,
          report.note ?? null,
        ].filter(Boolean);
        await manager.update(OrderLine, { id: line.id }, {
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
        throw new BadInputError('Only a bank transfer is recorded by hand; card and SEPA payments are confirmed by the provider', { field: 'id' });
      }
      Object.assign(order, { paidAt: new Date(), paymentReference: reference });
    });
  }

  /** A bank transfer refunded by the supplier (card refunds are made by the platform). */
  recordTransferRefund(ctx: RequestContext, orderId: string, reference: string): Promise<Order> {
    return this.act(ctx, orderId, OrderAction.REFUND, reference, async (_manager, order) => {
      if (order.paymentMethod !== PaymentMethod.BANK_TRANSFER || !order.paidAt) {
        throw new BadInputError('Only a paid bank transfer is refunded by hand; card refunds are made by the platform', { field: 'id' });
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
    const rows: { id: string; name: string; siret: string }[] = await this.dataSource.query(`SELECT id, name, siret FROM organisation WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, { name: row.name, siret: row.siret }]));
  }

  linesOf(ctx: RequestContext, orderId: string): Promise<OrderLine[]> {
    return ctx
      .loader<string, OrderLine[]>('orders.lines', async (ids) => {
        const rows = await this.dataSource.getRepository(OrderLine).createQueryBuilder('l').where('l.order_id = ANY(:ids)', { ids: [...ids] }).orderBy('l.id').getMany();
        return ids.map((id) => rows.filter((row) => row.orderId === id));
      })
      .load(orderId);
  }

  historyOf(ctx: RequestContext, orderId: string): Promise<OrderTransition[]> {
    return ctx
      .loader<string, OrderTransition[]>('orders.history', async (ids) => {
        const rows = await this.dataSource.getRepository(OrderTransition).createQueryBuilder('t').where('t.order_id = ANY(:ids)', { ids: [...ids] }).orderBy('t.id').getMany();
        return ids.map((id) => rows.filter((row) => row.orderId === id));
      })
      .load(orderId);
  }
}

export const orderNumber = (order: Pick<Order, 'seq'>): string => `CMD-${String(order.seq).padStart(8, '0')}`;

/**
 * The stock movements of an order's lines, in offer id order: two orders touching the same lots lock
 * their stock rows in the same order, so they never wait on each other crosswise.
 */
async function moveOrderStock(manager: EntityManager, ctx: RequestContext, orderId: string, lines: readonly { offerId: string; quantity: number }[], kind: StockMovementKind): Promise<void> {
  for (const line of [...lines].sort((a, b) => (a.offerId < b.offerId ? -1 : 1))) {
    await recordMovement(manager, ctx, { offerId: line.offerId, kind, quantity: line.quantity, reference: `order:${orderId}` });
  }
}

/** Records the lots of every line and the carrier: the same whether the supplier ships by hand or through its ERP. */
function shipEffect(input: ShipOrderInput): Effect {
  return async (manager, order, lines) => {
    const lots = new Map(input.lines.map((line) => [line.lineId, line.lotNumbers]));
    if (lots.size !== lines.length || lines.some((line) => !lots.has(line.id))) {
      throw new BadInputError('Give the lot numbers of every line of the order, once each', { field: 'lines' });
    }
    for (const line of lines) await manager.update(OrderLine, { id: line.id }, { lotNumbers: lots.get(line.id) });
    Object.assign(order, { carrier: input.carrier, trackingNumber: input.trackingNumber, shippedAt: new Date() });
  };
}

const deliverEffect: Effect = async (_manager, order) => {
  order.deliveredAt = new Date();
};
