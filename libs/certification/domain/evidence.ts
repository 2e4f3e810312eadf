import { checkMeasurements, MaskCategory, type Measurements, type Thresholds } from '@masks/catalog';

/** "Grand public" masks are judged on the DGA's tests (interministerial note of 29 March 2020). */
const DGA_TESTED = new Set([MaskCategory.UNS1, MaskCategory.UNS2]);
/** FFP respirators are PPE of category III: CE marking needs a notified body's EU type-examination. */
const NOTIFIED_BODY_REQUIRED = new Set([MaskCategory.FFP1, MaskCategory.FFP2, MaskCategory.FFP3]);

export interface ClaimedStandard {
  name: string;
  category: MaskCategory;
  thresholds: Thresholds;
}

export interface EvidenceClaim {
  productCategory: MaskCategory;
  productCeMarked: boolean;
  laboratory: string;
  testedOn: Date;
  measurements: Measurements;
  ceCertificateNumber?: string | null;
  notifiedBody?: string | null;
}

/** A failure of the evidence: the input field it concerns, the English sentence, why as data. */
export interface EvidenceRefusal {
  field: string;
  message: string;
  reason: string;
  args?: Record<string, string | number>;
}

/**
 * Everything wrong with a claim, so the supplier fixes it in one go: the standard must grant the
 * product's category, UNS masks need the DGA's report, CE-marked respirators their certificate, and
 * the measured values must meet the standard's thresholds.
 */
export function evidenceRefusals(
  standard: ClaimedStandard,
  claim: EvidenceClaim,
  now: Date,
): EvidenceRefusal[] {
  const refusals: EvidenceRefusal[] = [];
  if (standard.category !== claim.productCategory) {
    refusals.push({
      field: 'standardCode',
      message: `${standard.name} certifies ${standard.category} masks, not ${claim.productCategory}`,
      reason: 'STANDARD_NOT_FOR_CATEGORY',
      args: { standard: standard.name, standardCategory: standard.category, category: claim.productCategory },
    });
  }
  if (DGA_TESTED.has(claim.productCategory) && !/\bDGA\b/i.test(claim.laboratory)) {
    refusals.push({
      field: 'laboratory',
      message: 'UNS masks are judged on the DGA test report: the laboratory must be the DGA',
      reason: 'DGA_LABORATORY_REQUIRED',
    });
  }
  if (claim.productCeMarked && NOTIFIED_BODY_REQUIRED.has(claim.productCategory)) {
    if (!claim.ceCertificateNumber)
      refusals.push({
        field: 'ceCertificateNumber',
        message: 'A CE-marked respirator needs its CE certificate number (EU type-examination)',
        reason: 'CE_CERTIFICATE_NUMBER_REQUIRED',
      });
    if (!claim.notifiedBody)
      refusals.push({
        field: 'notifiedBody',
        message: 'A CE-marked respirator needs the notified body that issued its certificate',
        reason: 'NOTIFIED_BODY_REQUIRED',
      });
  }
  if (claim.testedOn.getTime() > now.getTime())
    refusals.push({
      field: 'testedOn',
      message: 'The test date is in the future',
      reason: 'TESTED_ON_IN_FUTURE',
    });
  for (const failure of checkMeasurements(standard.thresholds, claim.measurements, standard.name)) {
    const { measurement, message, reason, args } = failure;
    refusals.push({ field: `measurements.${measurement}`, message, reason, args });
  }
  return refusals;
}

/** The English sentences of `evidenceRefusals`. */
export function evidenceProblems(standard: ClaimedStandard, claim: EvidenceClaim, now: Date): string[] {
  return evidenceRefusals(standard, claim, now).map((refusal) => refusal.message);
}
