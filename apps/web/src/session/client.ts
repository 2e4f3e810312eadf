import { Client, cacheExchange, fetchExchange } from 'urql';
import { authExchange } from '@urql/exchange-auth';
import { tokens } from './token-store';

/**
 * The GraphQL client. Every operation carries the in-memory access token; one that is about to expire
 * is refreshed first, and an UNAUTHENTICATED answer triggers one refresh and one retry.
 */
export const graphqlClient = new Client({
  url: '/graphql',
  fetchOptions: { credentials: 'same-origin' },
  // POST always: the API refuses GET queries without a preflight-forcing header (Apollo's CSRF rule).
  preferGetMethod: false,
  // Lists are filtered and paged on the server: a mutation's answer updates what it returns, and
  // pages re-read their lists after acting (see usePagedQuery).
  requestPolicy: 'cache-and-network',
  exchanges: [
    cacheExchange,
    authExchange(async (utils) => ({
      addAuthToOperation(operation) {
        return tokens.current
          ? utils.appendHeaders(operation, { authorization: `Bearer ${tokens.current}` })
          : operation;
      },
      willAuthError: () => tokens.current !== null && tokens.stale,
      didAuthError: (error) =>
        error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') && tokens.current !== null,
      async refreshAuth() {
        await tokens.refresh();
      },
    })),
    fetchExchange,
  ],
});
