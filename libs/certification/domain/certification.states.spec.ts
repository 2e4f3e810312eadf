import {
  CertificationStatus as S,
  DecisionKind as D,
  effectiveEnd,
  transition,
} from './certification.states';

describe('certification transitions', () => {
  it.each([
    [S.SUBMITTED, D.VALIDATE, S.VALIDATED],
    [S.SUBMITTED, D.REJECT, S.REJECTED],
    [S.VALIDATED, D.SUSPEND, S.SUSPENDED],
    [S.SUSPENDED, D.REINSTATE, S.VALIDATED],
    [S.VALIDATED, D.REVOKE, S.REVOKED],
    [S.SUSPENDED, D.REVOKE, S.REVOKED],
    [S.VALIDATED, D.EXPIRE, S.EXPIRED],
    [S.SUSPENDED, D.EXPIRE, S.EXPIRED],
  ])('%s --%s--> %s', (from, decision, to) => {
    expect(transition(from, decision)).toEqual({ ok: true, to });
  });

  it('refuses every other move with a reason, and nothing leaves a final state', () => {
    for (const from of [S.REJECTED, S.REVOKED, S.EXPIRED]) {
      for (const decision of Object.values(D)) expect(transition(from, decision).ok).toBe(false);
    }
    expect(transition(S.VALIDATED, D.VALIDATE)).toEqual({
      ok: false,
      reason: 'A validated certification cannot be validated',
    });
    expect(transition(S.SUBMITTED, D.SUSPEND)).toEqual({
      ok: false,
      reason: 'A submitted certification cannot be suspended',
    });
  });
});

describe('effectiveEnd', () => {
  it('is the earlier of the certificate and its standard window', () => {
    const window = new Date('2020-05-31T22:00:00Z');
    expect(effectiveEnd(new Date('2021-01-01'), window)).toEqual(window);
    expect(effectiveEnd(new Date('2020-05-01'), window)).toEqual(new Date('2020-05-01'));
    expect(effectiveEnd(new Date('2020-05-01'), null)).toEqual(new Date('2020-05-01'));
  });
});
