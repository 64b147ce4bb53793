import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // The player saves its queue there: one test's queue must not greet the next.
  localStorage.clear();
});
