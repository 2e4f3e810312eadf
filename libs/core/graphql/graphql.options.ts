import { Logger } from '@nestjs/common';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { unwrapResolverError } from '@apollo/server/errors';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { ApolloServerPlugin } from '@apollo/server';
import { getComplexity, simpleEstimator, fieldExtensionsEstimator } from 'graphql-query-complexity';
import { GraphQLError, Kind, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import type { AppConfig } from '../config/config';
import { AppError } from '../errors/errors';
import { graphqlMetricsPlugin } from '../observability/graphql-metrics.plugin';
import { depthLimitRule, QUERY_TOO_DEEP } from './depth-limit.rule';

/** Tokens (names, punctuation, values) a GraphQL document may have. */
export const MAX_DOCUMENT_TOKENS = 10_000;

/** `extensions.reason` of the error an operation over the complexity budget gets. */
const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/**
 * A client's mistake found before execution: HTTP 400 and BAD_USER_INPUT. Apollo answers 500 for an
 * error thrown from `didResolveOperation` unless the error says otherwise (`extensions.http`, which
 * Apollo takes off the error before `formatError` sees it).
 */
function badRequest(message: string, extensions: Record<string, unknown>, nodes?: GraphQLError['nodes']) {
  return new GraphQLError(message, {
    nodes,
    extensions: { code: 'BAD_USER_INPUT', ...extensions, http: { status: 400 } },
  });
}

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
            try {
              complexity = getComplexity({
                schema,
                query: document,
                operationName: request.operationName,
                variables: request.variables,
                estimators,
              });
            } catch (error) {
              // graphql-query-complexity coerces the variables first (a wrong type, an Int out of range,
              // an unknown enum value, a missing required field) and caps the selections it visits: the
              // GraphQLErrors it throws are the request's fault. Anything else is ours (500, logged).
              if (!(error instanceof GraphQLError)) throw error;
              throw badRequest(
                error.message,
                error.nodes?.[0]?.kind === Kind.VARIABLE_DEFINITION ? {} : { reason: QUERY_TOO_COMPLEX },
                error.nodes,
              );
            }
            if (constant) withoutVariables.set(constant, complexity);
          }
          if (complexity > maximum) {
            throw badRequest(`Query is too complex: ${complexity} (at most ${maximum})`, {
              reason: QUERY_TOO_COMPLEX,
            });
          }
        },
      };
    },
  };
}

/** What was thrown in the first place, under the GraphQLErrors graphql-js and Apollo wrap it in. */
function rootCause(error: unknown): unknown {
  let cause = error;
  while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
  return cause;
}

/** The Apollo settings every GraphQL process shares: limits, error shape, metrics. */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const logger = new Logger('Errors');
  const apollo = new Logger('Apollo');
  return {
    // Apollo's own lines (such as "Unexpected error processing request") go to the JSON log with
    // the rest rather than straight to the console.
    logger: {
      debug: (message: unknown) => apollo.debug(message),
      info: (message: unknown) => apollo.log(message),
      warn: (message: unknown) => apollo.warn(message),
      error: (message: unknown) => apollo.error(message),
    },
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
    // A bound on the document before any rule walks it: graphql-js's own validation recurses along
    // fragment spreads (a chain of ~6,000 fragments overflowed the stack, a 500). The schema's whole
    // SDL is 3,700 tokens, the introspection query 183; a longer operation is a client's mistake (400
    // GRAPHQL_PARSE_FAILED).
    parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
    validationRules: [depthLimitRule(config.graphqlMaxDepth)],
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const code = formatted.extensions?.code;
      // The depth rule's error (filed by Apollo under GRAPHQL_VALIDATION_FAILED, HTTP 400) says why.
      if (formatted.extensions?.reason === QUERY_TOO_DEEP) {
        return { ...formatted, extensions: { code: 'BAD_USER_INPUT', reason: QUERY_TOO_DEEP } };
      }
      if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
      // Resolver errors carry a path; request errors (parse, validation, variables, plugins) do not.
      // A request error without a code is graphql-js's word to the client (e.g. too many invalid
      // variables), unless it wraps something thrown unexpectedly (a plugin's bug, Apollo's masked
      // "Internal server error"), which is ours: logged, masked, and never labelled the client's.
      if (!formatted.path) {
        const cause = rootCause(error);
        if (cause instanceof GraphQLError) {
          return { ...formatted, extensions: { ...formatted.extensions, code: 'BAD_USER_INPUT' } };
        }
        logger.error(cause instanceof Error ? (cause.stack ?? cause.message) : String(cause));
        return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
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
