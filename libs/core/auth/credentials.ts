import type { Principal } from './roles';

/** A token good for one purpose only (its audience), never as an API access token. */
export interface PurposeToken {
  token: string;
  /** Seconds until it expires. */
  expiresInSeconds: number;
}

/**
 * Turns a bearer token or an API key into a principal. Implemented by the organisations lib (it owns
 * users, memberships and keys); core only knows the contract, so the guard stays free of storage.
 */
export interface CredentialVerifier {
  /** An ordinary access token; a purpose token is refused. */
  verifyAccessToken(token: string): Promise<Principal>;
  verifyApiKey(key: string): Promise<Principal>;
  /**
   * Exchanges a valid access token for a token that carries the same person and roles but is
   * accepted only by `verifyPurposeToken(…, purpose)` (e.g. the queue dashboard's cookie). It lives
   * `maxSeconds` at most, and never longer than the access token it came from.
   */
  issuePurposeToken(accessToken: string, purpose: string, maxSeconds: number): Promise<PurposeToken>;
  /** A token from `issuePurposeToken` for this `purpose`; anything else (an access token too) is refused. */
  verifyPurposeToken(token: string, purpose: string): Promise<Principal>;
}

export const CREDENTIAL_VERIFIER = Symbol('CREDENTIAL_VERIFIER');
