import type { EligibilityRules, SizeClassName } from './scheme';

/** What is known of a company when it asks to enrol. */
export interface CompanyFacts {
  sizeClass: SizeClassName;
  siretValid: boolean;
  /** Large groups on the platform that declared it as an active subcontractor (their names). */
  largeGroupsSubcontractedFor: string[];
  /** SIREN of a parent company it declares, if any. */
  parentCompanySiren: string | null;
  /** Whether a large group on the platform has the same SIREN (one of its establishments). */
  establishmentOfLargeGroup: boolean;
}

export type EligibilityRefusal =
  'INVALID_SIRET' | 'SIZE_NOT_ADMITTED' | 'SUBCONTRACTOR_OF_LARGE_GROUP' | 'SUBSIDIARY';

export type EligibilityDecision =
  { eligible: true } | { eligible: false; reasons: { reason: EligibilityRefusal; message: string }[] };

/** Every reason a company is refused, so the refusal says all of them at once. */
export function decideEligibility(rules: EligibilityRules, company: CompanyFacts): EligibilityDecision {
  const reasons: { reason: EligibilityRefusal; message: string }[] = [];
  if (!company.siretValid) reasons.push({ reason: 'INVALID_SIRET', message: 'the SIRET is not valid' });
  if (rules.sizeClasses.length && !rules.sizeClasses.includes(company.sizeClass))
    reasons.push({
      reason: 'SIZE_NOT_ADMITTED',
      message: `the scheme is for ${rules.sizeClasses.join(' and ')} companies; this one is ${company.sizeClass}`,
    });
  if (rules.excludeSubcontractorsOfLargeGroups && company.largeGroupsSubcontractedFor.length)
    reasons.push({
      reason: 'SUBCONTRACTOR_OF_LARGE_GROUP',
      message: `the company is a subcontractor of a large group on the platform (${company.largeGroupsSubcontractedFor.join(', ')})`,
    });
  if (rules.excludeSubsidiaries && (company.parentCompanySiren || company.establishmentOfLargeGroup))
    reasons.push({
      reason: 'SUBSIDIARY',
      message: company.establishmentOfLargeGroup
        ? 'the company is an establishment of a large group on the platform'
        : `the company is a subsidiary (parent company SIREN ${company.parentCompanySiren})`,
    });
  return reasons.length ? { eligible: false, reasons } : { eligible: true };
}
