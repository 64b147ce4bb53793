import { defineConfig } from 'vitest/config';

// One `npm test` runs every project: server (real Postgres) and web (jsdom).
export default defineConfig({
  test: {
    projects: ['apps/server/vitest.config.ts', 'apps/web/vitest.config.ts'],
    // Two cores: one test file per core.
    maxWorkers: 2,
  },
});
