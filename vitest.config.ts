import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two cores here: forks keep native SQLite handles per process and bound memory.
    pool: 'forks',
    maxWorkers: 2,
  },
});
