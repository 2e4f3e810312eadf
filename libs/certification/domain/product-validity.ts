import { effectiveEnd } from './certification.states';

/** A VALIDATED certification of a product, with its standard's window. */
export interface ValidatedCertification {
  validUntil: Date | null;
  standardValidUntil: Date | null;
  /** Granted by a native standard (EN, AFNOR), not by a derogation. */
  native: boolean;
}

export interface ProductValidity {
  certifiedUntil: Date | null;
  nativelyCertifiedUntil: Date | null;
}

const latest = (ends: (Date | null)[]): Date | null =>
  ends.reduce<Date | null>((max, end) => (end && (!max || end > max) ? end : max), null);

/**
 * What Product.certifiedUntil and nativelyCertifiedUntil must hold: the latest effective end over
 * the validated certifications (all of them, then native standards only). A validation always sets
 * validUntil, so an effective end is never open.
 */
export function productValidity(certifications: ValidatedCertification[]): ProductValidity {
  const ends = certifications.map((c) => ({
    end: effectiveEnd(c.validUntil, c.standardValidUntil),
    native: c.native,
  }));
  return {
    certifiedUntil: latest(ends.map((e) => e.end)),
    nativelyCertifiedUntil: latest(ends.filter((e) => e.native).map((e) => e.end)),
  };
}
