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

/**
 * Everything wrong with a claim, so the supplier fixes it in one go: the standard must grant the
 * product's category, UNS masks need the DGA's report, CE-marked respirators their certificate, and
 * the measured values must meet the standard's thresholds.
 */
export function evidenceProblems(standard: ClaimedStandard, claim: EvidenceClaim, now: Date): string[] {
  const problems: string[] = [];
  if (standard.category !== claim.productCategory) {
    problems.push(`${standard.name} certifies ${standard.category} masks, not ${claim.productCategory}`);
  }
  if (DGA_TESTED.has(claim.productCategory) && !/\bDGA\b/i.test(claim.laboratory)) {
    problems.push('UNS masks are judged on the DGA test report: the laboratory must be the DGA');
  }
  if (claim.productCeMarked && NOTIFIED_BODY_REQUIRED.has(claim.productCategory)) {
    if (!claim.ceCertificateNumber)
      problems.push('A CE-marked respirator needs its CE certificate number (EU type-examination)');
    if (!claim.notifiedBody)
      problems.push('A CE-marked respirator needs the notified body that issued its certificate');
  }
  if (claim.testedOn.getTime() > now.getTime()) problems.push('The test date is in the future');
  problems.push(
    ...checkMeasurements(standard.thresholds, claim.measurements, standard.name).map(
      (failure) => failure.message,
    ),
  );
  return problems;
}
