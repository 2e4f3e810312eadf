import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the API's schema: each page writes its queries with `graphql(...)` and gets
 * their result and variable types, so a schema change that breaks a page breaks `npm run typecheck`.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['apps/web/src/**/*.tsx', 'apps/web/src/**/*.ts', '!apps/web/src/gql/**'],
  generates: {
    'apps/web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown', SafeInt: 'number' },
      },
    },
  },
  ignoreNoDocuments: true,
  silent: true,
};

export default config;
