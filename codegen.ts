import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Resolver types per subgraph (federation mode, mapped to entity types) and typed operations for tests and the
 * CLI. The output is committed; `scripts/__tests__/generated-code.test.ts` fails when it is stale (run `npm run codegen`).
 */
const subgraphs = ['identity', 'registry', 'inference', 'observability'] as const;

const pascal = (name: string) => name[0].toUpperCase() + name.slice(1);

function resolverTypes(name: (typeof subgraphs)[number]) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { mappers } = require(`./subgraphs/${name}/codegen-mappers`) as { mappers: Record<string, string> };
  return {
    schema: [`schema/${name}.graphql`, 'scripts/federation-directives.graphql'],
    plugins: ['typescript', 'typescript-resolvers'],
    config: {
      federation: true,
      useIndexSignature: true,
      useTypeImports: true,
      enumsAsTypes: true,
      contextType: `../context#${pascal(name)}Context`,
      mappers,
      mapperTypeSuffix: 'Mapper',
      scalars: { DateTime: 'Date | string', JSON: 'unknown' },
      avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
      maybeValue: 'T | null | undefined',
    },
  };
}

const config: CodegenConfig = {
  overwrite: true,
  generates: {
    ...Object.fromEntries(
      subgraphs.map((name) => [`subgraphs/${name}/__generated__/resolvers-types.ts`, resolverTypes(name)]),
    ),
    'test/__generated__/operations.ts': {
      schema: 'schema/supergraph.graphql',
      documents: ['test/operations/**/*.graphql'],
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
    },
  },
};

export default config;
