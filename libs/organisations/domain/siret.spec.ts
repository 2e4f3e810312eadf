import fc from 'fast-check';
import { checkSiren, checkSiret, LA_POSTE_SIREN } from './siret';

/** Appends the Luhn check digit, to generate valid identifiers. */
function withLuhn(body: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = body + d;
    const sum = [...candidate].reverse().reduce((acc, ch, i) => {
      let n = Number(ch);
      if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
      return acc + n;
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

describe('checkSiret', () => {
  it('accepts a real SIRET and derives its SIREN, ignoring spaces', () => {
    expect(checkSiret('732 829 320 00074')).toEqual({
      valid: true,
      siret: '73282932000074',
      siren: '732829320',
    });
  });

  it('refuses a wrong checksum, a wrong length and letters with a reason', () => {
    expect(checkSiret('73282932000075')).toEqual({
      valid: false,
      reason: expect.stringMatching(/checksum/),
      refusal: { reason: 'SIRET_CHECKSUM' },
    });
    expect(checkSiret('7328293200007')).toEqual({
      valid: false,
      reason: 'A SIRET has 14 digits (got 13)',
      refusal: { reason: 'SIRET_LENGTH', args: { length: 13 } },
    });
    expect(checkSiret('7328293200007A')).toEqual({
      valid: false,
      reason: 'A SIRET has digits only',
      refusal: { reason: 'SIRET_NOT_DIGITS' },
    });
  });

  it('applies the La Poste rule (digit sum multiple of 5) instead of Luhn', () => {
    // 3+5+6 = 14; establishment 00048 → 14+4+8 = 26: not a multiple of 5, and not Luhn-valid either.
    expect(checkSiret(`${LA_POSTE_SIREN}00049`).valid).toBe(false);
    // 14 + 0+0+0+4+1 = 19 → no; 14+0+0+0+5+1 = 20 → yes, although Luhn fails.
    expect(checkSiret(`${LA_POSTE_SIREN}00051`)).toEqual({
      valid: true,
      siret: '35600000000051',
      siren: LA_POSTE_SIREN,
    });
  });

  it('accepts every Luhn-valid 14-digit number and refuses every single-digit typo of it', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9]\d{12}$/),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (body, pos, delta) => {
          const siret = withLuhn(body);
          fc.pre(!siret.startsWith(LA_POSTE_SIREN));
          expect(checkSiret(siret).valid).toBe(true);
          const typo = siret.slice(0, pos) + ((Number(siret[pos]) + delta) % 10) + siret.slice(pos + 1);
          expect(checkSiret(typo).valid).toBe(false);
        },
      ),
    );
  });

  it('checks SIRENs with Luhn', () => {
    expect(checkSiren('732829320')).toBe(true);
    expect(checkSiren('732829321')).toBe(false);
  });
});
