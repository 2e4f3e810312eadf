import fc from 'fast-check';
import { ACCOUNT_HOLDER_MAX_LENGTH, checkBankDetails, printableIban } from './bank-details';

const VALID = {
  accountHolder: 'Filtration Anjou SAS',
  iban: 'FR7630006000011234567890189',
  bic: 'AGRIFRPP',
};

describe('checkBankDetails', () => {
  it('accepts a valid IBAN and BIC and normalises what people type', () => {
    expect(
      checkBankDetails({
        accountHolder: '  Filtration   Anjou SAS ',
        iban: 'fr76 3000 6000 0112 3456 7890 189',
        bic: ' agri frpp xxx',
      }),
    ).toEqual({
      valid: true,
      account: {
        accountHolder: 'Filtration Anjou SAS',
        iban: 'FR7630006000011234567890189',
        bic: 'AGRIFRPPXXX',
      },
    });
    for (const iban of ['DE89370400440532013000', 'GB82WEST12345698765432', 'BE68539007547034']) {
      expect(checkBankDetails({ ...VALID, iban }).valid).toBe(true);
    }
  });

  it('refuses a bad IBAN with the field and a plain reason', () => {
    const refusal = (iban: string) => checkBankDetails({ ...VALID, iban });
    expect(refusal('FR7630006000011234567890188')).toEqual({
      valid: false,
      field: 'iban',
      reason: 'This IBAN fails its check digits: check for a mistyped character',
      refusal: { reason: 'IBAN_CHECKSUM' },
    });
    expect(refusal('FR763000600001123456789018')).toEqual({
      valid: false,
      field: 'iban',
      reason: 'An IBAN from FR has 27 characters (got 26)',
      refusal: { reason: 'IBAN_LENGTH', args: { country: 'FR', expected: 27, length: 26 } },
    });
    expect(refusal('XX7630006000011234567890189')).toMatchObject({
      field: 'iban',
      reason: expect.stringMatching(/"XX" is not one/),
    });
    expect(refusal('   ')).toEqual({
      valid: false,
      field: 'iban',
      reason: 'Give the IBAN of the account',
      refusal: { reason: 'IBAN_REQUIRED' },
    });
    // A Swiss QR-IBAN is for QR-bills only.
    expect(refusal('CH4431999123000889012')).toMatchObject({
      field: 'iban',
      reason: expect.stringMatching(/QR/),
    });
  });

  it('refuses a bad BIC with the field and a plain reason', () => {
    const refusal = (bic: string) => checkBankDetails({ ...VALID, bic });
    for (const bic of ['AGRIFRP', 'AGRIFRPP1', '1GRIFRPP', 'AGRI']) {
      expect(refusal(bic)).toMatchObject({
        valid: false,
        field: 'bic',
        reason: expect.stringMatching(/8 or 11/),
      });
    }
    expect(refusal('AGRIXXPP')).toMatchObject({
      field: 'bic',
      reason: expect.stringMatching(/"XX" is not one/),
    });
    expect(refusal('')).toMatchObject({ field: 'bic', reason: 'Give the BIC (SWIFT code) of the bank' });
  });

  it('requires the holder’s name, within the SEPA limit', () => {
    expect(checkBankDetails({ ...VALID, accountHolder: ' ' })).toMatchObject({ field: 'accountHolder' });
    expect(
      checkBankDetails({ ...VALID, accountHolder: 'x'.repeat(ACCOUNT_HOLDER_MAX_LENGTH + 1) }),
    ).toMatchObject({ field: 'accountHolder', reason: expect.stringMatching(/70/) });
    expect(checkBankDetails({ ...VALID, accountHolder: 'x'.repeat(ACCOUNT_HOLDER_MAX_LENGTH) }).valid).toBe(
      true,
    );
  });

  it('refuses every single-character typo in the digits of a valid IBAN (mod 97 catches them all)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 26 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const iban = VALID.iban;
        const typo =
          iban.slice(0, position) + ((Number(iban[position]) + delta) % 10) + iban.slice(position + 1);
        expect(checkBankDetails({ ...VALID, iban: typo })).toMatchObject({ valid: false, field: 'iban' });
      }),
    );
  });

  it('accepts a valid IBAN however it is spaced or cased', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 27, maxLength: 27 }), fc.boolean(), (spaces, lower) => {
        const typed = [...VALID.iban].map((ch, i) => (spaces[i] ? `${ch} ` : ch)).join('');
        const result = checkBankDetails({ ...VALID, iban: lower ? typed.toLowerCase() : typed });
        expect(result).toEqual({ valid: true, account: VALID });
      }),
    );
  });

  it('prints an IBAN in groups of four', () => {
    expect(printableIban('FR7630006000011234567890189')).toBe('FR76 3000 6000 0112 3456 7890 189');
  });
});
