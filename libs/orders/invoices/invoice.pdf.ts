import PDFDocument from 'pdfkit';
import { formatCents, formatMicros } from '@masks/core';
import { printableIban } from '@masks/organisations';
import type { BankTransferDetails } from '../domain/bank-transfer';

export interface InvoiceParty {
  name: string;
  siret: string;
  city: string | null;
  departmentCode: string;
}

export interface InvoiceDocument {
  number: string;
  issuedAt: Date;
  orderNumber: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  lines: { description: string; quantity: number; unitPriceMicros: number; lineTotalCents: number }[];
  subtotalCents: number;
  vatRateBasisPoints: number;
  vatCents: number;
  totalCents: number;
  paymentMethod: string;
  /** Bank-transfer orders: the reference to quote and the seller's account (copied at ordering; null if none). */
  bankTransfer?: BankTransferDetails | null;
}

const rate = (basisPoints: number): string => `${String(basisPoints / 100).replace('.', ',')}\u00a0%`;

/** Renders a French invoice (seller and buyer SIRET, lines excluding VAT, one VAT line, total) as PDF bytes; uncompressed, its text can be read back. */
export function renderInvoicePdf(invoice: InvoiceDocument, { compress = true } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    compress,
    info: { Title: `Facture ${invoice.number}`, Author: invoice.seller.name },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const party = (title: string, p: InvoiceParty, x: number) => {
    doc.font('Helvetica-Bold').fontSize(10).text(title, x, 130);
    doc
      .font('Helvetica')
      .text(p.name, x)
      .text(`SIRET ${p.siret}`, x)
      .text([p.city, `(${p.departmentCode})`].filter(Boolean).join(' '), x);
  };
  doc.font('Helvetica-Bold').fontSize(18).text(`Facture ${invoice.number}`, 50, 50);
  doc
    .font('Helvetica')
    .fontSize(10)
    .text(`Date : ${invoice.issuedAt.toISOString().slice(0, 10)} — Commande ${invoice.orderNumber}`);
  party('Vendeur', invoice.seller, 50);
  party('Acheteur', invoice.buyer, 320);
  let y = 230;
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const widths = [250, 70, 90, 85];
    let x = 50;
    cells.forEach((cell, i) => {
      doc.text(cell, x, y, { width: widths[i], align: i === 0 ? 'left' : 'right' });
      x += widths[i];
    });
    y += 18;
  };
  row(['Désignation', 'Quantité', 'Prix unitaire HT', 'Total HT'], true);
  for (const line of invoice.lines) {
    row([
      line.description,
      formatCents(line.quantity * 100).replace(/,00\u00a0€$/, ''),
      formatMicros(line.unitPriceMicros),
      formatCents(line.lineTotalCents),
    ]);
  }
  y += 10;
  row(['', '', 'Total HT', formatCents(invoice.subtotalCents)], true);
  row(['', '', `TVA ${rate(invoice.vatRateBasisPoints)}`, formatCents(invoice.vatCents)]);
  row(['', '', 'Total TTC', formatCents(invoice.totalCents)], true);
  doc
    .font('Helvetica')
    .fontSize(8)
    .text(`Règlement : ${invoice.paymentMethod}.`, 50, y + 20);
  const transfer = invoice.bankTransfer;
  if (transfer) {
    doc.fontSize(9).moveDown(0.5);
    if (transfer.account) {
      doc
        .text(`Virement à l’ordre de : ${transfer.account.accountHolder}`)
        .text(`IBAN : ${printableIban(transfer.account.iban)} — BIC : ${transfer.account.bic}`);
    } else {
      doc.text(
        'Coordonnées bancaires : non déclarées par le vendeur à la date de la commande ; demandez-les-lui.',
      );
    }
    doc.font('Helvetica-Bold').text(`Référence à indiquer sur le virement : ${transfer.reference}`);
  }
  doc.end();
  return done;
}
