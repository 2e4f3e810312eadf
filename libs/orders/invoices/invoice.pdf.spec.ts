import { renderInvoicePdf, type InvoiceDocument } from './invoice.pdf';

// pdfkit writes each text run as hex codes in the standard fonts' WinAnsi encoding: latin-1, plus
// € ’ — at 0x80, 0x92, 0x97 (Node's TextDecoder reads windows-1252 as plain latin-1).
const winAnsi = (bytes: Buffer) =>
  bytes.toString('latin1').replace(/\x80/g, '€').replace(/\x92/g, '’').replace(/\x97/g, '—');
const textOf = (pdf: Buffer) =>
  [...pdf.toString('latin1').matchAll(/<([0-9a-f]+)>/g)]
    .map((m) => winAnsi(Buffer.from(m[1], 'hex')))
    .join('')
    .replace(/\u00a0/g, ' ');

describe('invoice PDF', () => {
  const invoice = (extra: Partial<InvoiceDocument> = {}): InvoiceDocument => ({
    number: 'FAC-2020-000042',
    issuedAt: new Date('2020-04-15T10:00:00Z'),
    orderNumber: 'CMD-00000007',
    seller: { name: 'Filtration Anjou', siret: '45000000000019', city: 'Angers', departmentCode: '49' },
    buyer: { name: 'Décolletage de l’Arve', siret: '41000000000014', city: 'Cluses', departmentCode: '74' },
    lines: [{ description: 'Masques', quantity: 5_000, unitPriceMicros: 900_000, lineTotalCents: 450_000 }],
    subtotalCents: 450_000,
    vatRateBasisPoints: 550,
    vatCents: 24_750,
    totalCents: 474_750,
    paymentMethod: 'virement sur facture',
    ...extra,
  });

  it('tells a bank-transfer buyer where to pay and which reference to quote', async () => {
    const text = textOf(
      await renderInvoicePdf(
        invoice({
          bankTransfer: {
            reference: 'CMD-00000007',
            account: {
              accountHolder: 'Filtration Anjou SAS',
              iban: 'FR7630006000011234567890189',
              bic: 'AGRIFRPP',
            },
          },
        }),
        { compress: false },
      ),
    );
    for (const phrase of [
      'Virement à l’ordre de : Filtration Anjou SAS',
      'IBAN : FR76 3000 6000 0112 3456 7890 189 — BIC : AGRIFRPP',
      'Référence à indiquer sur le virement : CMD-00000007',
    ])
      expect(text).toContain(phrase);
  });

  it('says so when the supplier had declared no account, and still gives the reference', async () => {
    const text = textOf(
      await renderInvoicePdf(invoice({ bankTransfer: { reference: 'CMD-00000007', account: null } }), {
        compress: false,
      }),
    );
    expect(text).toContain('non déclarées par le vendeur');
    expect(text).toContain('Référence à indiquer sur le virement : CMD-00000007');
    expect(text).not.toContain('IBAN');
    expect(textOf(await renderInvoicePdf(invoice(), { compress: false }))).not.toContain('Référence');
  });

  it('shows both SIRETs, the lines excluding VAT, the VAT line and the total', async () => {
    const pdf = await renderInvoicePdf(
      {
        number: 'FAC-2020-000042',
        issuedAt: new Date('2020-04-15T10:00:00Z'),
        orderNumber: 'CMD-00000007',
        seller: { name: 'Filtration Anjou', siret: '45000000000019', city: 'Angers', departmentCode: '49' },
        buyer: {
          name: 'Décolletage de l’Arve',
          siret: '41000000000014',
          city: 'Cluses',
          departmentCode: '74',
        },
        lines: [
          {
            description: 'Masques FFP2 — AF-200',
            quantity: 50_000,
            unitPriceMicros: 452_300,
            lineTotalCents: 2_261_500,
          },
        ],
        subtotalCents: 2_261_500,
        vatRateBasisPoints: 550,
        vatCents: 124_383,
        totalCents: 2_385_883,
        paymentMethod: 'virement sur facture',
      },
      { compress: false },
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = textOf(pdf);
    const expected = [
      'FAC-2020-000042',
      'SIRET 45000000000019',
      'Décolletage de l’Arve',
      'Masques FFP2 — AF-200',
      '50 000',
      'TVA 5,5 %',
      '22 615,00 €',
      '1 243,83 €',
      '23 858,83 €',
      '0,4523 €',
    ];
    for (const phrase of expected) expect(text).toContain(phrase);
  });
});
