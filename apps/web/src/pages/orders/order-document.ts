import { graphql } from '../../gql';
import type { OrderDetailFragment, OrderStatus } from '../../gql/graphql';

/** What an order's page shows; the actions' mutations answer with it so the page updates at once. */
export const OrderDetailFields = graphql(`
  fragment OrderDetail on Order {
    id
    number
    status
    createdAt
    updatedAt
    paymentMethod
    deliveryDepartmentCode
    flag
    subtotalCents
    vatCents
    vatRateBasisPoints
    totalCents
    paidAt
    reservationExpiresAt
    carrier
    trackingNumber
    cancellationReason
    supplier {
      id
      name
    }
    buyer {
      id
      name
    }
    lines {
      id
      offerId
      quantity
      unitPriceMicros
      lineTotalCents
      lotNumbers
      receivedQuantity
      receivedLotNumbers
      discrepancyNote
    }
    history {
      id
      action
      actor
      actorName
      at
      fromStatus
      toStatus
      note
    }
    bankTransfer {
      reference
      account {
        accountHolder
        iban
        bic
      }
    }
    invoice {
      id
      number
      issuedAt
    }
  }
`);

export const OrderDocument = graphql(`
  query OrderPage($id: ID!) {
    order(id: $id) {
      ...OrderDetail
    }
  }
`);

export type OrderDetail = OrderDetailFragment;

/** No longer moving: nothing more will happen to the order (no invoice either). */
const SETTLED: OrderStatus[] = ['CANCELLED', 'EXPIRED', 'REFUNDED'];

/**
 * The worker moves the order on its own from these states (the invoice is issued, the payment starts or
 * comes back from the provider): the page reads it again until it moved.
 */
export const isTransient = (order: Pick<OrderDetail, 'status' | 'invoice'>) =>
  order.status === 'PLACED' ||
  order.status === 'AWAITING_PAYMENT' ||
  (!order.invoice && !SETTLED.includes(order.status));

/** Lot numbers typed as "L1, L2": trimmed, without blanks. */
export const lotList = (value: string) =>
  value
    .split(',')
    .map((lot) => lot.trim())
    .filter(Boolean);
