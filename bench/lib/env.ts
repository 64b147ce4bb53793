/**
 * A clean environment for every server we start: only what a process needs
 * to run, so a developer's DATABASE_URL, REDIS_URL or NODE_ENV never leaks
 * into a benchmark and every unset Veza variable takes its documented default.
 */
const PASSED_THROUGH = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];

export function cleanEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_THROUGH) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return { ...env, ...vars };
}
