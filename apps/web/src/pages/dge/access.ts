import type { AccessRule } from '../../session/session';

/** The DGE's pages: its officers, in the authority's organisation (as the API's rules say). */
export const DGE_OFFICER: AccessRule = { roles: ['DGE_OFFICER'], kinds: ['AUTHORITY'] };
