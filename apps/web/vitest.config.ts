import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineProject({
  plugins: [react()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    // As in the browser build: packages with a `browser` entry (tus-js-client) get their XMLHttpRequest side.
    mainFields: ['browser', 'module', 'main'],
  },
  test: {
    name: 'web',
    root: fileURLToPath(new URL('.', import.meta.url)),
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    server: { deps: { inline: ['tus-js-client'] } },
    restoreMocks: true,
    // Page tests render the whole provider tree; under load 5 s is not enough for the longest ones.
    testTimeout: 20_000,
  },
});
