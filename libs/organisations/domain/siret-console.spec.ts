import fc from 'fast-check';
import { siretProblem } from '../../../apps/web/src/pages/public/siret';
import { checkSiret, LA_POSTE_SIREN } from './siret';

/** The console checks SIRETs as people type, with its own copy of the rule: it must agree with the API's. */
describe('the console’s SIRET checker', () => {
  const agrees = (input: string) => expect(siretProblem(input) === null).toBe(checkSiret(input).valid);

  it('agrees with the API on any digits, with separators, and on La Poste’s establishments', () => {
    fc.assert(fc.property(fc.stringMatching(/^[\d .-]{0,20}$/), agrees), { numRuns: 2000 });
    fc.assert(fc.property(fc.stringMatching(/^\d{5}$/), (tail) => agrees(LA_POSTE_SIREN + tail)));
    for (const input of ['35600000000048', '35600000000051', '35600000000049', '732 829 320 00074'])
      agrees(input);
  });

  it('says what is wrong: letters, the count of digits, or the checksum', () => {
    expect(siretProblem('7328293200007A')).toEqual({ kind: 'digits' });
    expect(siretProblem('732 829 320 0007')).toEqual({ kind: 'length', count: 13 });
    expect(siretProblem('73282932000075')).toEqual({ kind: 'checksum' });
    expect(siretProblem('732.829.320-00074')).toBeNull();
  });
});
