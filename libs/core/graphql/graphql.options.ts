import { Logger } from '@nestjs/common';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import depthLimit from 'graphql-depth-limit';
import type { ApolloServerPlugin } from '@apollo/server';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator } from 'graphql-query-complexity';
import { GraphQLError, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import type { AppConfig } from '../config/config';
import { AppError } from '../errors/errors';
import { graphqlMetricsPlugin } from '../observability/graphql-metrics.plugin';

/**
 * Refuses operations above a complexity budget (page sizes multiply their children). A plugin rather
 * than a validation rule: the rule form cannot see the request's variables. An operation without
 * variables always weighs the same, and Apollo hands the same operation node for the same query text
 * (its parsed-document cache): such operations are measured once (measuring was 5% of a small read).
 */
function complexityLimit(maximum: number): ApolloServerPlugin {
  const estimators = [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })];
  const withoutVariables = new WeakMap<OperationDefinitionNode, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, schema }) {
          const constant = operation?.variableDefinitions?.length ? undefined : operation;
          let complexity = constant && withoutVariables.get(constant);
          if (complexity === undefined) {
            complexity = getComplexity({
              schema,
              query: document,
              operationName: request.operationName,
              variables: request.variables,
              estimators,
            });
            if (constant) withoutVariables.set(constant, complexity);
          }
          if (complexity > maximum) {
            throw new GraphQLError(`Query is too complex: ${complexity} (at most ${maximum})`, {
              extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX' },
            });
          }
        },
      };
    },
  };
}

/** The Apollo settings every GraphQL process shares: limits, error shape, metrics. */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const logger = new Logger('Errors');
  return {
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    playground: false,
    introspection: !config.production,
    includeStacktraceInErrorResponses: false,
    plugins: [
      graphqlMetricsPlugin,
      complexityLimit(config.graphqlMaxComplexity),
      // Responses are per caller, never cached by HTTP caches: without cache hints to compute, Apollo
      // no longer wraps every field's resolver (a 20-offer search page: 300 -> 400 req/s).
      ApolloServerPluginCacheControlDisabled(),
      ...(config.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    validationRules: [depthLimit(config.graphqlMaxDepth)],
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const code = formatted.extensions?.code;
      if (code === 'GRAPHQL_VALIDATION_FAILED' && /exceeds maximum operation depth/.test(formatted.message)) {
        return { ...formatted, extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_DEEP' } };
      }
      if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
      // No code (or Apollo's default): either a request error from graphql-js (depth limit, variable coercion), which is the
      // client's, or something thrown past the exception filter, which must not leak.
      // Resolver errors carry a path; request errors (parse, validation, variables) do not.
      if (!formatted.path) {
        const reason = /exceeds maximum operation depth/.test(formatted.message)
          ? { reason: 'QUERY_TOO_DEEP' }
          : {};
        return { ...formatted, extensions: { code: 'BAD_USER_INPUT', ...reason } };
      }
      // Field resolvers are not wrapped by Nest's exception filter: their typed errors are mapped
      // here, and anything else is logged (with its stack) before it is masked.
      const original = unwrapResolverError(error);
      if (original instanceof AppError) {
        return {
          message: original.message,
          locations: formatted.locations,
          path: formatted.path,
          extensions: { code: original.code, ...(original.details ?? {}) },
        };
      }
      // What the exception filter translated (a GraphQLError it made) was logged there already.
      const translatedByFilter = original instanceof GraphQLError && original !== error;
      if (!translatedByFilter) {
        logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
      }
      return {
        message: 'Internal server error',
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    },
  };
}
