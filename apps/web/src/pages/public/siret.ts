/**
 * The SIRET rule of the API (libs/organisations/domain/siret.ts, via stdnum), checked as people type:
 * spaces, dots and dashes ignored; 14 digits; Luhn over all 14, except La Poste's establishments
 * (SIREN 356000000, head office 35600000000048 excepted) whose digit sum is a multiple of 5.
 */
export type SiretProblem = { kind: 'digits' } | { kind: 'length'; count: number } | { kind: 'checksum' };

export const LA_POSTE_SIREN = '356000000';
const LA_POSTE_HEAD_OFFICE = '35600000000048';

export const compactSiret = (input: string): string => input.replace(/[\s.-]/g, '');

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
    sum += n;
  }
  return sum % 10 === 0;
}

/** Null when the SIRET is valid; otherwise what is wrong with it. */
export function siretProblem(input: string): SiretProblem | null {
  const compact = compactSiret(input);
  if (!/^\d+$/.test(compact)) return { kind: 'digits' };
  if (compact.length !== 14) return { kind: 'length', count: compact.length };
  const valid =
    compact.startsWith(LA_POSTE_SIREN) && compact !== LA_POSTE_HEAD_OFFICE
      ? [...compact].reduce((sum, digit) => sum + Number(digit), 0) % 5 === 0
      : luhnValid(compact);
  return valid ? null : { kind: 'checksum' };
}
