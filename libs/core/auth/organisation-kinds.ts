/**
 * The kinds of the organisation a principal acts for (MANUFACTURER, BUYER, AUTHORITY…), for the
 * access rules that depend on them: a role alone does not say which side of the market its holder is
 * on (an organisation admin may run a buyer or a supplier). Implemented by the organisations lib, which
 * owns organisations; core only knows the contract.
 */
export interface OrganisationKindsReader {
  kindsOf(organisationId: string): Promise<readonly string[]>;
}

export const ORGANISATION_KINDS = Symbol('ORGANISATION_KINDS');
