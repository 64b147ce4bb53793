import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Browser journeys: each file starts its own server and Chromium, so files run
// one after the other. `npm run e2e` from the repo root.
export default defineConfig({
  test: {
    root: path.resolve(import.meta.dirname, '..'),
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
