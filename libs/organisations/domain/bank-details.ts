import {
  electronicFormatIBAN,
  friendlyFormatIBAN,
  getCountrySpecifications,
  validateBIC,
  validateIBAN,
  ValidationErrorsBIC,
  ValidationErrorsIBAN,
} from 'ibantools';

/** An account to be paid on by bank transfer, in normalised form (IBAN electronic, BIC upper case). */
export type BankAccountValue = {
  accountHolder: string;
  iban: string;
  bic: string;
};

export type BankDetailsField = 'accountHolder' | 'iban' | 'bic';

export type BankDetailsCheck =
  { valid: true; account: BankAccountValue } | { valid: false; field: BankDetailsField; reason: string };

/** The SEPA credit transfer limit on a party's name (pain.001 `Nm`, 70 characters). */
export const ACCOUNT_HOLDER_MAX_LENGTH = 70;

function ibanProblem(iban: string): string | null {
  if (!iban) return 'Give the IBAN of the account';
  // A QR-IBAN (Switzerland, Liechtenstein) is only for QR-bills: an ordinary transfer needs the plain IBAN.
  const { valid, errorCodes } = validateIBAN(iban, { allowQRIBAN: false });
  if (valid) return null;
  const country = iban.slice(0, 2);
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry))
    return `An IBAN starts with the code of a country that issues IBANs ("${country}" is not one)`;
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)) {
    const chars = getCountrySpecifications()[country]?.chars;
    return `An IBAN from ${country} has ${chars} characters (got ${iban.length})`;
  }
  if (errorCodes.includes(ValidationErrorsIBAN.QRIBANNotAllowed))
    return 'This is a QR-IBAN, for QR-bills only: give the ordinary IBAN of the account';
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat))
    return `This IBAN does not have the format of an IBAN from ${country}`;
  return 'This IBAN fails its check digits: check for a mistyped character';
}

function bicProblem(bic: string): string | null {
  if (!bic) return 'Give the BIC (SWIFT code) of the bank';
  const { valid, errorCodes } = validateBIC(bic);
  if (valid) return null;
  if (errorCodes.includes(ValidationErrorsBIC.WrongBICFormat) || bic.length < 6)
    return 'A BIC has 8 or 11 characters: 4 letters for the bank, 2 for the country, 2 letters or digits for the place, optionally 3 for the branch';
  return `A BIC names a country in its 5th and 6th characters ("${bic.slice(4, 6)}" is not one)`;
}

/**
 * Validates a supplier's bank details (IBAN and BIC with ibantools: country format, check digits,
 * the French RIB key) and normalises what people type: spaces and dashes dropped, upper case, the
 * holder's name trimmed. Pure: the service turns a refusal into BAD_USER_INPUT on `field`.
 */
export function checkBankDetails(input: BankAccountValue): BankDetailsCheck {
  const accountHolder = input.accountHolder.trim().replace(/\s+/g, ' ');
  if (!accountHolder)
    return { valid: false, field: 'accountHolder', reason: 'Give the account holder’s name' };
  if (accountHolder.length > ACCOUNT_HOLDER_MAX_LENGTH)
    return {
      valid: false,
      field: 'accountHolder',
      reason: `The account holder’s name has at most ${ACCOUNT_HOLDER_MAX_LENGTH} characters (the SEPA limit)`,
    };
  const iban = electronicFormatIBAN(input.iban) ?? '';
  const ibanReason = ibanProblem(iban);
  if (ibanReason) return { valid: false, field: 'iban', reason: ibanReason };
  const bic = input.bic.replace(/[\s-]/g, '').toUpperCase();
  const bicReason = bicProblem(bic);
  if (bicReason) return { valid: false, field: 'bic', reason: bicReason };
  return { valid: true, account: { accountHolder, iban, bic } };
}

/** An IBAN in groups of four, as printed on invoices (FR76 3000 6000 0112 3456 7890 189). */
export const printableIban = (iban: string): string => friendlyFormatIBAN(iban) ?? iban;
