import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { NotFoundError, RequestContext } from '@masks/core';
import { CATEGORY_LABELS, type MaskCategory } from '@masks/catalog';
import { Order, OrderLine, PaymentMethod } from '../order.entity';
import { bankTransferOf, orderNumber } from '../domain/bank-transfer';
import { Invoice } from './invoice.entity';
import { renderInvoicePdf, type InvoiceParty } from './invoice.pdf';

const PAYMENT_LABELS: Record<string, string> = {
  CARD: 'carte bancaire',
  SEPA_DEBIT: 'prélèvement SEPA',
  BANK_TRANSFER: 'virement sur facture',
};

/** The calendar year in France (an invoice issued on 31 December at 23:30 UTC is already next year in Paris). */
const parisYear = (at: Date): number =>
  Number(new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', year: 'numeric' }).format(at));

@Injectable()
export class InvoicesService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Issues the order's invoice once, in the caller's transaction: the next number of the supplier's
   * year (a counter row, incremented under its lock: rolled back with the invoice, so numbers have no
   * gaps), the PDF, the row. A second request for the same order finds it and does nothing.
   */
  async issue(manager: EntityManager, orderId: string): Promise<Invoice | null> {
    if (await manager.existsBy(Invoice, { orderId })) return null;
    const order = await manager.findOneByOrFail(Order, { id: orderId });
    const lines: (OrderLine & { brand: string; model: string; category: MaskCategory })[] =
      await manager.query(
        `SELECT l.quantity, l.unit_price_micros AS "unitPriceMicros", l.line_total_cents::int AS "lineTotalCents", p.brand, p.model, p.category
       FROM order_line l JOIN product p ON p.id = l.product_id WHERE l.order_id = $1 ORDER BY l.id`,
        [orderId],
      );
    const now = new Date();
    const year = parisYear(now);
    const [counter]: { last: number }[] = await manager.query(
      `INSERT INTO invoice_counter (supplier_id, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (supplier_id, year) DO UPDATE SET last = invoice_counter.last + 1 RETURNING last`,
      [order.supplierId, year],
    );
    const number = `FAC-${year}-${String(counter.last).padStart(6, '0')}`;
    const [seller, buyer] = await Promise.all([
      this.party(manager, order.supplierId),
      this.party(manager, order.buyerId),
    ]);
    const pdf = await renderInvoicePdf({
      number,
      issuedAt: now,
      orderNumber: orderNumber(order),
      seller,
      buyer,
      lines: lines.map((line) => ({
        ...line,
        description: `Masques ${CATEGORY_LABELS[line.category]} — ${line.brand} ${line.model}`,
      })),
      subtotalCents: order.subtotalCents,
      vatRateBasisPoints: order.vatRateBasisPoints,
      vatCents: order.vatCents,
      totalCents: order.totalCents,
      paymentMethod: PAYMENT_LABELS[order.paymentMethod],
      // The account copied on the order when it was placed, not the supplier's current one: see Order.supplierIban.
      bankTransfer: order.paymentMethod === PaymentMethod.BANK_TRANSFER ? bankTransferOf(order) : null,
    });
    const invoice = manager.create(Invoice, {
      orderId,
      supplierId: order.supplierId,
      number,
      totalCents: order.totalCents,
      pdf,
      issuedAt: now,
    });
    await manager.insert(Invoice, invoice);
    return invoice;
  }

  private async party(manager: EntityManager, organisationId: string): Promise<InvoiceParty> {
    const [row]: InvoiceParty[] = await manager.query(
      `SELECT name, siret, city, department_code AS "departmentCode" FROM organisation WHERE id = $1`,
      [organisationId],
    );
    return row;
  }

  /** Batched for Order.invoice. */
  ofOrder(ctx: RequestContext, orderId: string): Promise<Invoice | null> {
    return ctx
      .loader<string, Invoice | null>('orders.invoice', async (ids) => {
        const rows = await this.dataSource
          .getRepository(Invoice)
          .createQueryBuilder('i')
          .where('i.order_id = ANY(:ids)', { ids: [...ids] })
          .getMany();
        return ids.map((id) => rows.find((row) => row.orderId === id) ?? null);
      })
      .load(orderId);
  }

  /** The PDF, for the order's buyer, its supplier and the DGE (others: not found). */
  async pdfFor(
    ctx: RequestContext,
    orderId: string,
    canSee: (order: Order) => void,
  ): Promise<{ number: string; pdf: Buffer; sha256: string }> {
    const order = await this.dataSource.getRepository(Order).findOneBy({ id: orderId });
    if (!order) throw new NotFoundError('Invoice of order', orderId);
    canSee(order);
    const invoice = await this.dataSource
      .getRepository(Invoice)
      .createQueryBuilder('i')
      .addSelect('i.pdf')
      .where('i.order_id = :orderId', { orderId })
      .getOne();
    if (!invoice?.pdf) throw new NotFoundError('Invoice of order', orderId);
    return {
      number: invoice.number,
      pdf: invoice.pdf,
      sha256: createHash('sha256').update(invoice.pdf).digest('hex'),
    };
  }
}
