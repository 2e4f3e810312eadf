import type { Principal } from './roles';

/**
 * Turns a bearer token or an API key into a principal. Implemented by the organisations lib (it owns
 * users, memberships and keys); core only knows the contract, so the guard stays free of storage.
 */
export interface CredentialVerifier {
  verifyAccessToken(token: string): Promise<Principal>;
  verifyApiKey(key: string): Promise<Principal>;
}

export const CREDENTIAL_VERIFIER = Symbol('CREDENTIAL_VERIFIER');
