import fc from 'fast-check';
import { checkFiness, finessOfOrganisation, finessPrefixOf, withFinessKey } from './finess';

describe('checkFiness', () => {
  it('accepts published FINESS numbers of mainland and overseas establishments', () => {
    // Numbers as published in the FINESS register (Guadeloupe, Martinique, Guyane, La Réunion).
    expect(checkFiness('970100228')).toEqual({ valid: true, finess: '970100228', departmentCode: '971' });
    expect(checkFiness('970211207')).toEqual({ valid: true, finess: '970211207', departmentCode: '972' });
    expect(checkFiness('970302022')).toEqual({ valid: true, finess: '970302022', departmentCode: '973' });
    expect(checkFiness('970421038')).toEqual({ valid: true, finess: '970421038', departmentCode: '974' });
  });

  it('reads spaces and lower-case Corsican letters as typed, and finds the department', () => {
    const ajaccio = withFinessKey('2A000001');
    expect(checkFiness(` ${ajaccio.slice(0, 3).toLowerCase()} ${ajaccio.slice(3)} `)).toEqual({
      valid: true,
      finess: ajaccio,
      departmentCode: '2A',
    });
    expect(checkFiness(withFinessKey('2B000002'))).toMatchObject({ valid: true, departmentCode: '2B' });
    expect(checkFiness(withFinessKey('67078000'))).toMatchObject({ valid: true, departmentCode: '67' });
    expect(checkFiness(withFinessKey('98000010'))).toMatchObject({ valid: true, departmentCode: '976' });
  });

  it('refuses a wrong length, a wrong shape, an unknown prefix and a wrong key, each with its reason', () => {
    expect(checkFiness('97010022')).toEqual({
      valid: false,
      reason: 'A FINESS number has 9 characters (got 8)',
    });
    expect(checkFiness('2C0000014')).toEqual({
      valid: false,
      reason: expect.stringMatching(/department code/),
    });
    expect(checkFiness('67A000014')).toEqual({
      valid: false,
      reason: expect.stringMatching(/department code/),
    });
    expect(checkFiness(withFinessKey('20000001'))).toEqual({
      valid: false,
      reason: expect.stringMatching(/"20"/),
    });
    expect(checkFiness(withFinessKey('00000001'))).toEqual({
      valid: false,
      reason: expect.stringMatching(/"00"/),
    });
    expect(checkFiness(withFinessKey('96000001'))).toEqual({
      valid: false,
      reason: expect.stringMatching(/"96"/),
    });
    expect(checkFiness(withFinessKey('97060001'))).toEqual({
      valid: false,
      reason: expect.stringMatching(/"97"/),
    });
    expect(checkFiness(withFinessKey('97050001'))).toEqual({
      valid: false,
      reason: expect.stringMatching(/Saint-Pierre/),
    });
    expect(checkFiness('970100229')).toEqual({ valid: false, reason: expect.stringMatching(/check key/) });
  });

  it('detects every single mistyped digit (property)', () => {
    const departments = fc.constantFrom('01', '2A', '2B', '67', '75', '95', '971', '974', '976');
    fc.assert(
      fc.property(
        departments,
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 8, maxLength: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 1, max: 9 }),
        (department, digits, position, shift) => {
          const prefix = finessPrefixOf(department);
          const finess = withFinessKey(prefix + digits.join('').slice(0, 8 - prefix.length));
          expect(checkFiness(finess)).toEqual({ valid: true, finess, departmentCode: department });
          // Change one digit after the prefix: the key (or the prefix rule) must catch it.
          if (position < prefix.length) return;
          const changed = (Number(finess[position]) + shift) % 10;
          const typo = finess.slice(0, position) + changed + finess.slice(position + 1);
          expect(checkFiness(typo).valid).toBe(false);
        },
      ),
    );
  });
});

describe('finessOfOrganisation', () => {
  const strasbourg = withFinessKey('67078000');

  it('requires a valid FINESS of the same department for a health establishment', () => {
    expect(finessOfOrganisation(true, strasbourg, '67')).toEqual({ ok: true, finess: strasbourg });
    expect(finessOfOrganisation(true, undefined, '67')).toEqual({
      ok: false,
      reason: 'A health establishment needs its FINESS number',
      field: 'finess',
    });
    expect(finessOfOrganisation(true, '670780001', '67')).toMatchObject({ ok: false, field: 'finess' });
    expect(finessOfOrganisation(true, strasbourg, '68')).toMatchObject({
      ok: false,
      field: 'departmentCode',
    });
  });

  it('refuses a FINESS number for any other organisation', () => {
    expect(finessOfOrganisation(false, null, '67')).toEqual({ ok: true, finess: null });
    expect(finessOfOrganisation(false, strasbourg, '67')).toMatchObject({ ok: false, field: 'finess' });
  });
});
