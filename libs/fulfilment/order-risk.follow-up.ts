import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { notificationEvent, recordEvents } from '@masks/core';
import { offersOfProducts, productsOfOffers } from '@masks/catalog';
import {
  CertificationFollowUp,
  productStandings,
  type CertificationDecided,
  type CertificationWithdrawal,
} from '@masks/certification';
import { adminContactsOf } from '@masks/organisations';
import {
  flagOf,
  gravestWithdrawal,
  lockOpenOrdersOnOffers,
  orderNumber,
  setOrderFlags,
  type ProductWithdrawal,
} from '@masks/orders';
import { orderAtRiskNotice, orderNoLongerAtRiskNotice } from './order-risk.notices';

const asOrderRisk = (withdrawal: CertificationWithdrawal | null | undefined): ProductWithdrawal | null =>
  withdrawal ? { kind: withdrawal.status, reason: withdrawal.reason } : null;

/**
 * Open orders follow the certification of their products. After every suspension, revocation,
 * expiry, reinstatement or validation of a product's certification, each open order with a line on
 * one of the product's offers gets the flag its products' current standing gives it (see riskFlag):
 * flagged while a certification is withdrawn, the flag saying how; cleared once the products are
 * certified again. The buyer is told of every change of flag, in the same exactly-once transaction
 * as the decision's job. Each lib's tables through its own functions: offers (catalog), standings
 * (certification), orders and their flags (orders).
 */
@Injectable()
export class OrderRiskFollowsCertification extends CertificationFollowUp {
  async onCertificationDecided(manager: EntityManager, event: CertificationDecided): Promise<void> {
    const orders = await lockOpenOrdersOnOffers(manager, await offersOfProducts(manager, [event.productId]));
    if (!orders.length) return;
    // An order may hold lines of other products: its flag follows all of them.
    const productOf = await productsOfOffers(
      manager,
      orders.flatMap((order) => order.offerIds),
    );
    const standings = await productStandings(manager, [...productOf.values()]);
    const changes = orders
      .map((order) => {
        const risk = gravestWithdrawal(
          order.offerIds.map((offerId) => asOrderRisk(standings.get(productOf.get(offerId)!))),
        );
        return { order, risk, flag: flagOf(risk) };
      })
      .filter(({ order, flag }) => flag !== order.flag);
    if (!changes.length) return;
    await setOrderFlags(
      manager,
      changes.map(({ order, flag }) => ({ orderId: order.id, flag })),
    );
    const recipients = await adminContactsOf(
      manager,
      changes.map(({ order }) => order.buyerId),
    );
    const notices = changes.flatMap(({ order, risk, flag }, i) => {
      const recipient = recipients[i];
      if (!recipient) return [];
      const number = orderNumber(order);
      return [
        notificationEvent(
          risk && flag
            ? orderAtRiskNotice(recipient, number, risk.kind, flag)
            : orderNoLongerAtRiskNotice(recipient, number),
        ),
      ];
    });
    await recordEvents(manager, notices);
  }
}
