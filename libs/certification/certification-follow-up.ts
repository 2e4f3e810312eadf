import type { EntityManager } from 'typeorm';
import type { DecisionKind } from './domain/certification.states';
import type { CertificationWithdrawal } from './product-standing';

/**
 * What the certification jobs hand to whoever follows a product's certification, after every
 * decision that takes it off the market or may put it back: a suspension, revocation or expiry (the
 * withdrawal cascade), a reinstatement or a validation.
 */
export interface CertificationDecided {
  certificationId: string;
  productId: string;
  supplierId: string;
  decision: DecisionKind;
  reason: string | null;
  /** Offers taken off the market by this cascade (empty when another certification still holds, or none was withdrawn). */
  offerIds: string[];
  /** Where the product stands now: null when it is certified, else its latest withdrawal. */
  withdrawal: CertificationWithdrawal | null;
}

/**
 * Extension point for the order pipeline: its open orders follow the product's certification (flagged
 * while it is withdrawn, the flag saying how; cleared when it holds again) and their buyers are told.
 * Called inside the job's exactly-once transaction, with the product's row locked, so whatever it
 * writes (flags, outbox events) happens once per decision and follow-ups of one product never
 * interleave. Provide it anywhere in the worker application
 * (`{ provide: CertificationFollowUp, useClass: … }`); until then nobody is called.
 */
export abstract class CertificationFollowUp {
  abstract onCertificationDecided(manager: EntityManager, event: CertificationDecided): Promise<void>;
}
