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

/** A refused detail: the English sentence (`reason`), and `refusal`, the same as a code and its figures. */
export type BankDetailsCheck =
  | { valid: true; account: BankAccountValue }
  | {
      valid: false;
      field: BankDetailsField;
      reason: string;
      refusal: { reason: string; args?: Record<string, string | number> };
    };

type Problem = { message: string; reason: string; args?: Record<string, string | number> };

/** The SEPA credit transfer limit on a party's name (pain.001 `Nm`, 70 characters). */
export const ACCOUNT_HOLDER_MAX_LENGTH = 70;

function ibanProblem(iban: string): Problem | null {
  if (!iban) return { message: 'Give the IBAN of the account', reason: 'IBAN_REQUIRED' };
  // A QR-IBAN (Switzerland, Liechtenstein) is only for QR-bills: an ordinary transfer needs the plain IBAN.
  const { valid, errorCodes } = validateIBAN(iban, { allowQRIBAN: false });
  if (valid) return null;
  const country = iban.slice(0, 2);
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry))
    return {
      message: `An IBAN starts with the code of a country that issues IBANs ("${country}" is not one)`,
      reason: 'IBAN_UNKNOWN_COUNTRY',
      args: { country },
    };
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)) {
    const chars = getCountrySpecifications()[country]?.chars;
    return {
      message: `An IBAN from ${country} has ${chars} characters (got ${iban.length})`,
      reason: 'IBAN_LENGTH',
      args: { country, expected: chars ?? '', length: iban.length },
    };
  }
  if (errorCodes.includes(ValidationErrorsIBAN.QRIBANNotAllowed))
    return {
      message: 'This is a QR-IBAN, for QR-bills only: give the ordinary IBAN of the account',
      reason: 'QR_IBAN_REFUSED',
    };
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANFormat))
    return {
      message: `This IBAN does not have the format of an IBAN from ${country}`,
      reason: 'IBAN_FORMAT',
      args: { country },
    };
  return {
    message: 'This IBAN fails its check digits: check for a mistyped character',
    reason: 'IBAN_CHECKSUM',
  };
}

function bicProblem(bic: string): Problem | null {
  if (!bic) return { message: 'Give the BIC (SWIFT code) of the bank', reason: 'BIC_REQUIRED' };
  const { valid, errorCodes } = validateBIC(bic);
  if (valid) return null;
  if (errorCodes.includes(ValidationErrorsBIC.WrongBICFormat) || bic.length < 6)
    return {
      message:
        'A BIC has 8 or 11 characters: 4 letters for the bank, 2 for the country, 2 letters or digits for the place, optionally 3 for the branch',
      reason: 'BIC_FORMAT',
    };
  return {
    message: `A BIC names a country in its 5th and 6th characters ("${bic.slice(4, 6)}" is not one)`,
    reason: 'BIC_UNKNOWN_COUNTRY',
    args: { country: bic.slice(4, 6) },
  };
}

function refused(field: BankDetailsField, { message, ...refusal }: Problem): BankDetailsCheck {
  return { valid: false, field, reason: message, refusal };
}

/**
 * Validates a supplier's bank details (IBAN and BIC with ibantools: country format, check digits,
 * the French RIB key) and normalises what people type: spaces and dashes dropped, upper case, the
 * holder's name trimmed. Pure: the service turns a refusal into BAD_USER_INPUT on `field`.
 */
export function checkBankDetails(input: BankAccountValue): BankDetailsCheck {
  const accountHolder = input.accountHolder.trim().replace(/\s+/g, ' ');
  if (!accountHolder)
    return refused('accountHolder', {
      message: 'Give the account holder’s name',
      reason: 'ACCOUNT_HOLDER_REQUIRED',
    });
  if (accountHolder.length > ACCOUNT_HOLDER_MAX_LENGTH)
    return refused('accountHolder', {
      message: `The account holder’s name has at most ${ACCOUNT_HOLDER_MAX_LENGTH} characters (the SEPA limit)`,
      reason: 'ACCOUNT_HOLDER_TOO_LONG',
      args: { max: ACCOUNT_HOLDER_MAX_LENGTH },
    });
  const iban = electronicFormatIBAN(input.iban) ?? '';
  const ibanRefusal = ibanProblem(iban);
  if (ibanRefusal) return refused('iban', ibanRefusal);
  const bic = input.bic.replace(/[\s-]/g, '').toUpperCase();
  const bicRefusal = bicProblem(bic);
  if (bicRefusal) return refused('bic', bicRefusal);
  return { valid: true, account: { accountHolder, iban, bic } };
}

/** An IBAN in groups of four, as printed on invoices (FR76 3000 6000 0112 3456 7890 189). */
export const printableIban = (iban: string): string => friendlyFormatIBAN(iban) ?? iban;
