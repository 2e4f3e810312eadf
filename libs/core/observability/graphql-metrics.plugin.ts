import type { ApolloServerPlugin } from '@apollo/server';
import { graphqlOperations } from './metrics';

export const graphqlMetricsPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ operationName, operation, errors }) {
        graphqlOperations.inc({
          operation: operationName ?? 'anonymous',
          type: operation?.operation ?? 'unknown',
          outcome: errors?.length ? 'error' : 'ok',
        });
      },
    };
  },
};
