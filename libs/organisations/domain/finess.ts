/**
 * FINESS numbers (Fichier national des établissements sanitaires et sociaux): 9 characters, the
 * department first, then 7 digits, the last of which is a Luhn key over the whole number.
 *
 * - Mainland: the 2-character department (01–95, Corsica 2A/2B; never 20).
 * - Overseas: `970` + the last digit of the department (9701… Guadeloupe 971 … 9704… La Réunion 974),
 *   `98` for Mayotte (976). Saint-Pierre-et-Miquelon (9705…) is a valid FINESS but not one of the
 *   101 departments the platform places organisations in, so it is refused with its own reason.
 * - The key: Corsica's letters are read as digits for the sum (2A as 21, 2B as 22), as public-service
 *   code validating FINESS does; every other number is plain Luhn over its 9 digits.
 */
// stdnum's Luhn (the one its SIRET check uses), from its checksum helpers: its index does not export them.
import { luhnChecksumDigit, luhnChecksumValidate } from 'stdnum/lib/cjs/util/checksum';

export type FinessCheck =
  { valid: true; finess: string; departmentCode: string } | { valid: false; reason: string };

const MAINLAND = /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])\d{7}$/;
const OVERSEAS = /^970([1-5])\d{5}$/;
const MAYOTTE = /^98\d{7}$/;

const keyDigits = (finess: string): string => finess.replace(/^2A/, '21').replace(/^2B/, '22');

/** The department a well-formed FINESS belongs to, or null when its prefix is none of the above. */
function departmentOf(finess: string): string | null {
  if (MAINLAND.test(finess)) return finess.slice(0, 2);
  const overseas = OVERSEAS.exec(finess);
  if (overseas) return `97${overseas[1]}`;
  if (MAYOTTE.test(finess)) return '976';
  return null;
}

/** Validates a FINESS number typed with spaces or in lower case; derives its department. */
export function checkFiness(input: string): FinessCheck {
  const compact = input.replace(/[\s.-]/g, '').toUpperCase();
  if (compact.length !== 9) {
    return { valid: false, reason: `A FINESS number has 9 characters (got ${compact.length})` };
  }
  if (!/^(\d{2}|2A|2B)\d{7}$/.test(compact)) {
    return { valid: false, reason: 'A FINESS number is a department code (2A, 2B allowed) then 7 digits' };
  }
  if (compact.startsWith('9705')) {
    return {
      valid: false,
      reason: 'Saint-Pierre-et-Miquelon is not one of the departments the platform serves',
    };
  }
  const departmentCode = departmentOf(compact);
  if (!departmentCode) {
    return {
      valid: false,
      reason: `"${compact.slice(0, 2)}" does not start a FINESS number of a department`,
    };
  }
  if (!luhnChecksumValidate(keyDigits(compact))) {
    return { valid: false, reason: 'This FINESS number fails its check key: check for a mistyped character' };
  }
  return { valid: true, finess: compact, departmentCode };
}

/** Completes 8 characters with their key: demo and test FINESS numbers are invented but valid. */
export const withFinessKey = (body: string): string => body + luhnChecksumDigit(keyDigits(body));

/** The characters a FINESS number of this department starts with (its department, as encoded above). */
export function finessPrefixOf(departmentCode: string): string {
  if (departmentCode === '976') return '98';
  if (/^97[1-4]$/.test(departmentCode)) return `970${departmentCode[2]}`;
  return departmentCode;
}

export type FinessOfOrganisation =
  { ok: true; finess: string | null } | { ok: false; reason: string; field: 'finess' | 'departmentCode' };

/**
 * A health establishment has a FINESS number, and only it: the number says where the establishment
 * is, so the department given must be the number's.
 */
export function finessOfOrganisation(
  isHealthEstablishment: boolean,
  finess: string | null | undefined,
  departmentCode: string,
): FinessOfOrganisation {
  if (!isHealthEstablishment) {
    return finess
      ? { ok: false, reason: 'Only a health establishment has a FINESS number', field: 'finess' }
      : { ok: true, finess: null };
  }
  if (!finess)
    return { ok: false, reason: 'A health establishment needs its FINESS number', field: 'finess' };
  const check = checkFiness(finess);
  if (!check.valid) return { ok: false, reason: check.reason, field: 'finess' };
  if (check.departmentCode !== departmentCode) {
    return {
      ok: false,
      reason: `FINESS ${check.finess} is an establishment of department ${check.departmentCode}, not ${departmentCode}`,
      field: 'departmentCode',
    };
  }
  return { ok: true, finess: check.finess };
}
