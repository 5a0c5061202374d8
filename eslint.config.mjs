// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    // Tool configuration files and Jest plumbing in plain JavaScript are not part of the type-checked program.
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      'storage/**',
      'test-output/**',
      '*.{js,cjs,mjs}',
      'test/**/*.{js,cjs,mjs}',
      'web/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: './tsconfig.check.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The farm app runs in the browser: its own programs (DOM lib, Preact JSX; the worker; the Vite config).
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: {
        project: ['./web/tsconfig.json', './web/tsconfig.sw.json', './web/tsconfig.node.json', './web/tsconfig.test.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Of the server tree the app may use only the wire contracts: the rest pulls Node, TypeORM and decorators in.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)src/(?!.*\\.contract$)', message: 'The farm app imports only the *.contract.ts files of the server (src/).' },
            { group: ['@nestjs/*', 'typeorm', 'class-validator', 'class-transformer'], message: 'Server packages stay out of the farm app.' },
          ],
        },
      ],
    },
  },
  {
    // A wire contract is compiled by the farm app too (web/tsconfig.json): it may import other contracts only.
    files: ['src/**/*.contract.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\.{1,2}/.*\\.contract$)', message: 'A contract imports other contracts only.' }] }],
    },
  },
  {
    // Jest's expect(...) matchers return `any` by design; tests read response bodies as untyped JSON.
    files: ['test/**/*.ts', 'src/**/*.spec.ts', 'web/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // Plain-Node scripts (scripts/ensure-services.js runs before node_modules is type-checked or built).
    files: ['scripts/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        setTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { ...tseslint.configs.disableTypeChecked.rules, '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
