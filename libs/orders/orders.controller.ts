import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { ALL_ROLES, Allow, ApiScope, Ctx, RequestContext } from '@masks/core';
import { OrdersService, orderNumber } from './orders.service';
import { InvoicesService } from './invoices/invoices.service';
import { OrdersCsvQuery } from './dto/order.inputs';

const EXPORT_LIMIT = 50_000;

/** 4747,50: a decimal comma, no grouping, from integer cents (no float). */
const decimalEuros = (cents: number): string =>
  `${Math.trunc(cents / 100)},${String(Math.abs(cents % 100)).padStart(2, '0')}`;

/** Files: an order's invoice, and the caller's orders as CSV (same filters and scope as the `orders` query). */
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly invoices: InvoicesService,
  ) {}

  @Get('export.csv')
  @Allow(ALL_ROLES, [ApiScope.ORDERS_READ])
  async exportCsv(
    @Ctx() ctx: RequestContext,
    @Query() query: OrdersCsvQuery,
    @Res() res: Response,
  ): Promise<void> {
    const rows = await this.orders
      .query(ctx, query)
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .take(EXPORT_LIMIT)
      .getMany();
    const parties = await this.orders.partiesOf([...new Set(rows.flatMap((o) => [o.buyerId, o.supplierId]))]);
    const party = (id: string) => parties.get(id) ?? { name: '', siret: '' };
    const csv = stringify(
      rows.map((o) => [
        orderNumber(o),
        o.createdAt.toISOString(),
        o.status,
        party(o.buyerId).name,
        party(o.buyerId).siret,
        party(o.supplierId).name,
        party(o.supplierId).siret,
        o.paymentMethod,
        o.deliveryDepartmentCode,
        decimalEuros(o.subtotalCents),
        decimalEuros(o.vatCents),
        decimalEuros(o.totalCents),
      ]),
      {
        header: true,
        columns: [
          'commande',
          'date',
          'statut',
          'acheteur',
          'siret_acheteur',
          'fournisseur',
          'siret_fournisseur',
          'paiement',
          'departement_livraison',
          'total_ht_eur',
          'tva_eur',
          'total_ttc_eur',
        ],
        // French spreadsheets expect ';' and a decimal comma; the BOM makes them read UTF-8.
        delimiter: ';',
        bom: true,
      },
    );
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="commandes.csv"');
    res.send(csv);
  }

  @Get(':id/invoice.pdf')
  @Allow(ALL_ROLES, [ApiScope.ORDERS_READ])
  async invoice(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() res: Response,
  ): Promise<void> {
    const { number, pdf, sha256 } = await this.invoices.pdfFor(ctx, id, (order) =>
      this.orders.actorFor(ctx, order),
    );
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `attachment; filename="${number}.pdf"`);
    res.setHeader('etag', `"${sha256}"`);
    res.send(pdf);
  }
}
