import { stdnum } from 'stdnum';

/** `reason` is the English sentence; `refusal` the same as a code and its figures. */
export type SiretCheck =
  | { valid: true; siret: string; siren: string }
  | { valid: false; reason: string; refusal: { reason: string; args?: Record<string, number> } };

/** La Poste's establishments do not follow Luhn; their SIRET is valid when its digit sum is a multiple of 5. */
export const LA_POSTE_SIREN = '356000000';

/**
 * Validates a SIRET (14 digits: SIREN + 5-digit establishment number, Luhn over all 14; La Poste
 * excepted), after removing spaces, dots and dashes people type. stdnum implements both rules.
 */
export function checkSiret(input: string): SiretCheck {
  const compact = input.replace(/[\s.-]/g, '');
  if (!/^\d+$/.test(compact))
    return { valid: false, reason: 'A SIRET has digits only', refusal: { reason: 'SIRET_NOT_DIGITS' } };
  if (compact.length !== 14)
    return {
      valid: false,
      reason: `A SIRET has 14 digits (got ${compact.length})`,
      refusal: { reason: 'SIRET_LENGTH', args: { length: compact.length } },
    };
  if (!stdnum.FR.siret.validate(compact).isValid) {
    return {
      valid: false,
      reason: 'This SIRET fails its checksum: check for a mistyped digit',
      refusal: { reason: 'SIRET_CHECKSUM' },
    };
  }
  return { valid: true, siret: compact, siren: compact.slice(0, 9) };
}

export function checkSiren(input: string): boolean {
  const compact = input.replace(/[\s.-]/g, '');
  return /^\d{9}$/.test(compact) && stdnum.FR.siren.validate(compact).isValid;
}
