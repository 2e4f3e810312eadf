import { decide, holdsReservation, ORDER_RULES, OrderAction, OrderActor, OrderStatus } from './order.states';

describe('order state machine', () => {
  const all = Object.values(OrderStatus);

  it('allows each move only from its states and by its actors', () => {
    for (const action of Object.values(OrderAction)) {
      const rule = ORDER_RULES[action];
      for (const from of all) {
        for (const actor of Object.values(OrderActor)) {
          const decision = decide(from, action, actor);
          if (!rule.from.includes(from)) expect(decision).toMatchObject({ ok: false, illegal: 'STATE' });
          else if (!rule.by.includes(actor)) expect(decision).toMatchObject({ ok: false, illegal: 'ACTOR' });
        }
      }
    }
  });

  it('follows the happy path of a transfer order and refuses to skip steps', () => {
    const path: [OrderAction, OrderActor, OrderStatus][] = [
      [OrderAction.ISSUE_INVOICE, OrderActor.SYSTEM, OrderStatus.INVOICED],
      [OrderAction.RECORD_PAYMENT, OrderActor.SUPPLIER, OrderStatus.PAID],
      [OrderAction.CONFIRM, OrderActor.SUPPLIER, OrderStatus.CONFIRMED],
      [OrderAction.SHIP, OrderActor.SUPPLIER, OrderStatus.SHIPPED],
      [OrderAction.DELIVER, OrderActor.SUPPLIER, OrderStatus.DELIVERED],
      [OrderAction.ACKNOWLEDGE_RECEIPT, OrderActor.BUYER, OrderStatus.RECEIVED],
    ];
    let status = OrderStatus.PLACED;
    for (const [action, actor, to] of path) {
      expect(decide(status, action, actor)).toEqual({ ok: true, to });
      status = to;
    }
    expect(decide(OrderStatus.PLACED, OrderAction.SHIP, OrderActor.SUPPLIER)).toMatchObject({
      ok: false,
      illegal: 'STATE',
    });
  });

  it('lets the buyer cancel until payment is confirmed, the supplier until shipment, nobody after', () => {
    expect(decide(OrderStatus.PAID, OrderAction.CANCEL, OrderActor.BUYER).ok).toBe(true);
    expect(decide(OrderStatus.CONFIRMED, OrderAction.CANCEL, OrderActor.BUYER)).toMatchObject({
      ok: false,
      illegal: 'ACTOR',
    });
    expect(decide(OrderStatus.CONFIRMED, OrderAction.CANCEL, OrderActor.SUPPLIER).ok).toBe(true);
    expect(decide(OrderStatus.SHIPPED, OrderAction.CANCEL, OrderActor.OPERATOR)).toMatchObject({
      ok: false,
      illegal: 'STATE',
    });
  });

  it('lets the buyer cancel a confirmed order at risk (its certification withdrawn), until shipment', () => {
    expect(decide(OrderStatus.CONFIRMED, OrderAction.CANCEL, OrderActor.BUYER, { atRisk: true })).toEqual({
      ok: true,
      to: OrderStatus.CANCELLED,
    });
    expect(decide(OrderStatus.SHIPPED, OrderAction.CANCEL, OrderActor.BUYER, { atRisk: true })).toMatchObject(
      { ok: false, illegal: 'STATE' },
    );
    expect(
      decide(OrderStatus.CONFIRMED, OrderAction.CANCEL, OrderActor.BUYER, { atRisk: false }),
    ).toMatchObject({ ok: false, illegal: 'ACTOR' });
  });

  it('records a late payment without moving the order, then refunds it', () => {
    expect(decide(OrderStatus.EXPIRED, OrderAction.RECORD_LATE_PAYMENT, OrderActor.SYSTEM)).toEqual({
      ok: true,
      to: OrderStatus.EXPIRED,
    });
    expect(decide(OrderStatus.EXPIRED, OrderAction.REFUND, OrderActor.SYSTEM)).toEqual({
      ok: true,
      to: OrderStatus.REFUNDED,
    });
  });

  it('holds stock exactly until shipment, cancellation or expiry', () => {
    expect(all.filter(holdsReservation).sort()).toEqual([
      'AWAITING_PAYMENT',
      'CONFIRMED',
      'INVOICED',
      'PAID',
      'PLACED',
    ]);
  });
});
