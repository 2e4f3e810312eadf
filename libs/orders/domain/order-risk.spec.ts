import { riskFlag } from './order-risk';

describe('riskFlag', () => {
  it('is null while every product is certified', () => {
    expect(riskFlag([])).toBeNull();
    expect(riskFlag([null, null])).toBeNull();
  });

  it('says what happened to the certification, with its reason', () => {
    expect(riskFlag([{ kind: 'SUSPENDED', reason: 'Enquête' }])).toBe('Certification suspended: Enquête');
    expect(riskFlag([{ kind: 'REVOKED', reason: 'DGA retest' }])).toBe('Certification revoked: DGA retest');
    expect(riskFlag([{ kind: 'EXPIRED', reason: null }])).toBe('Certification expired');
  });

  it('names the gravest withdrawal when several products of the order are withdrawn', () => {
    expect(
      riskFlag([
        { kind: 'SUSPENDED', reason: 'Enquête' },
        null,
        { kind: 'REVOKED', reason: 'Fraude' },
        { kind: 'EXPIRED', reason: null },
      ]),
    ).toBe('Certification revoked: Fraude');
  });
});
