import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', '**/__generated__/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  { files: ['scripts/**', 'bench/**', '*.mjs'], rules: { 'no-console': 'off' } },
  {
    // Organization-owned entities: a bare query builder skips the organization filter.
    files: ['subgraphs/{registry,inference,observability}/**/*.ts'],
    ignores: ['**/__tests__/**', '**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='createQueryBuilder']",
          message: 'Use scopedQueryBuilder (lib/organization-scope.ts): it applies the organization filter.',
        },
      ],
    },
  },
  { files: ['*.js'], languageOptions: { globals: { module: 'writable', require: 'readonly' } } },
);
