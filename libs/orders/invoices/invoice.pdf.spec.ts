import { renderInvoicePdf } from './invoice.pdf';

describe('invoice PDF', () => {
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
    // pdfkit writes each text run as hex codes in the standard fonts' WinAnsi encoding: latin-1, plus
    // € ’ — at 0x80, 0x92, 0x97 (Node's TextDecoder reads windows-1252 as plain latin-1).
    const winAnsi = (bytes: Buffer) =>
      bytes.toString('latin1').replace(/\x80/g, '€').replace(/\x92/g, '’').replace(/\x97/g, '—');
    const text = [...pdf.toString('latin1').matchAll(/<([0-9a-f]+)>/g)]
      .map((m) => winAnsi(Buffer.from(m[1], 'hex')))
      .join('');
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
    for (const phrase of expected) expect(text.replace(/\u00a0/g, ' ')).toContain(phrase);
  });
});
