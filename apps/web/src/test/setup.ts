import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// On a loaded machine (CI, or many test files at once) a render can take
// longer than testing-library's default second; waiting is not asserting on time.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
  // The player saves its queue there: one test's queue must not greet the next.
  localStorage.clear();
});
