/**
 * The life of a certification and who moves it. Pure: the service asks `transition()` before any
 * write, so an illegal move is refused with a reason and changes nothing.
 */
export enum CertificationStatus {
  SUBMITTED = 'SUBMITTED',
  VALIDATED = 'VALIDATED',
  REJECTED = 'REJECTED',
  SUSPENDED = 'SUSPENDED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}

export enum DecisionKind {
  VALIDATE = 'VALIDATE',
  REJECT = 'REJECT',
  SUSPEND = 'SUSPEND',
  REINSTATE = 'REINSTATE',
  REVOKE = 'REVOKE',
  /** Taken by the platform when the validity ends. */
  EXPIRE = 'EXPIRE',
}

export enum DocumentKind {
  TEST_REPORT = 'TEST_REPORT',
  CE_CERTIFICATE = 'CE_CERTIFICATE',
  DECLARATION_OF_CONFORMITY = 'DECLARATION_OF_CONFORMITY',
  OTHER = 'OTHER',
}

const TRANSITIONS: Record<DecisionKind, { from: CertificationStatus[]; to: CertificationStatus }> = {
  [DecisionKind.VALIDATE]: { from: [CertificationStatus.SUBMITTED], to: CertificationStatus.VALIDATED },
  [DecisionKind.REJECT]: { from: [CertificationStatus.SUBMITTED], to: CertificationStatus.REJECTED },
  [DecisionKind.SUSPEND]: { from: [CertificationStatus.VALIDATED], to: CertificationStatus.SUSPENDED },
  [DecisionKind.REINSTATE]: { from: [CertificationStatus.SUSPENDED], to: CertificationStatus.VALIDATED },
  [DecisionKind.REVOKE]: {
    from: [CertificationStatus.VALIDATED, CertificationStatus.SUSPENDED],
    to: CertificationStatus.REVOKED,
  },
  [DecisionKind.EXPIRE]: {
    from: [CertificationStatus.VALIDATED, CertificationStatus.SUSPENDED],
    to: CertificationStatus.EXPIRED,
  },
};

/** Decisions that must say why (they are shown to the supplier and on the DGE's monitoring view). */
export const REASON_REQUIRED = new Set([DecisionKind.REJECT, DecisionKind.SUSPEND, DecisionKind.REVOKE]);

/** Decisions after which the product's offers must leave the market. */
export const WITHDRAWING = new Set([DecisionKind.SUSPEND, DecisionKind.REVOKE, DecisionKind.EXPIRE]);

/** Decisions after which the product may be certified again: what followed a withdrawal is undone. */
export const RESTORING = new Set([DecisionKind.VALIDATE, DecisionKind.REINSTATE]);

export type TransitionResult = { ok: true; to: CertificationStatus } | { ok: false; reason: string };

export function transition(from: CertificationStatus, decision: DecisionKind): TransitionResult {
  const rule = TRANSITIONS[decision];
  if (!rule.from.includes(from)) {
    return { ok: false, reason: `A ${from.toLowerCase()} certification cannot be ${pastTense(decision)}` };
  }
  return { ok: true, to: rule.to };
}

function pastTense(decision: DecisionKind): string {
  const words: Record<DecisionKind, string> = {
    VALIDATE: 'validated',
    REJECT: 'rejected',
    SUSPEND: 'suspended',
    REINSTATE: 'reinstated',
    REVOKE: 'revoked',
    EXPIRE: 'expired',
  };
  return words[decision];
}

/**
 * The instant a validated certification stops counting: its own end, capped by its standard's
 * window (a KN95 certificate valid for a year still ends with the derogation on 31 May 2020).
 */
export function effectiveEnd(validUntil: Date | null, standardValidUntil: Date | null): Date | null {
  if (!validUntil) return standardValidUntil;
  if (!standardValidUntil) return validUntil;
  return validUntil < standardValidUntil ? validUntil : standardValidUntil;
}
