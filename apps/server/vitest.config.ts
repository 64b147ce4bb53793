import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: { alias: { '@': path.join(root, 'src') } },
  test: {
    name: 'server',
    root,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // A guard against hangs, not a speed check: transcoding tests share two cores with the rest of the suite.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
