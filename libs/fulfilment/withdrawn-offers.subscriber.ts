import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { notificationEvent, recordEvents } from '@masks/core';
import { OffersWithdrawnSubscriber, type OffersWithdrawn } from '@masks/certification';
import { adminContactsOf } from '@masks/organisations';
import { orderNumber, RESERVING_STATUSES } from '@masks/orders';

/**
 * When a certification is suspended, revoked or expires, its offers leave the market (certification
 * lib); the open orders on them are flagged and their buyers told, in the same exactly-once
 * transaction. The buyer decides: cancel (refunded if paid), or wait for a reinstatement.
 */
@Injectable()
export class FlagOrdersOnWithdrawnOffers extends OffersWithdrawnSubscriber {
  async onOffersWithdrawn(manager: EntityManager, event: OffersWithdrawn): Promise<void> {
    if (!event.offerIds.length) return;
    const flag = `Certification ${event.decision === 'EXPIRE' ? 'expired' : event.decision === 'SUSPEND' ? 'suspended' : 'revoked'}${event.reason ? `: ${event.reason}` : ''}`;
    const [orders]: [{ id: string; seq: number; buyer_id: string }[], number] = await manager.query(
      `UPDATE customer_order o SET flag = $3, updated_at = now()
       WHERE o.status = ANY($2::text[]) AND o.flag IS DISTINCT FROM $3
         AND EXISTS (SELECT 1 FROM order_line l WHERE l.order_id = o.id AND l.offer_id = ANY($1::uuid[]))
       RETURNING o.id, o.seq, o.buyer_id`,
      // Orders still holding stock are the ones not delivered yet: those a withdrawal puts at risk.
      [event.offerIds, RESERVING_STATUSES, flag],
    );
    const recipients = await adminContactsOf(
      manager,
      orders.map((order) => order.buyer_id),
    );
    const events = [];
    for (const [i, order] of orders.entries()) {
      const recipient = recipients[i];
      if (!recipient) continue;
      const number = orderNumber(order);
      events.push(
        notificationEvent({
          recipient,
          subject: `Commande ${number} : certification retirée`,
          body: `La certification des masques de la commande ${number} a été retirée (${flag}). Vous pouvez l’annuler ; un paiement déjà fait vous sera remboursé.`,
        }),
      );
    }
    await recordEvents(manager, events);
  }
}
