import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts'],
    // Each storage test file opens its own database (a fresh PGlite, or a fresh PostgreSQL database),
    // so files can run in parallel; within a file tests share that database.
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
