import { sql } from 'kysely';
import type { Config } from '@/config';
import { MODULES, type Services } from '@/modules';
import { isMigrated, migrateToLatest } from '@/platform/db/migrator';
import type { ModuleList, ModuleParts } from '@/platform/module';
import { buildPlatform, type Platform, type PlatformOverrides } from '@/platform/platform';
import { platformJobs } from '@/platform/platform.jobs';

export { createLogger } from '@/platform/platform';
export type ContainerOverrides = PlatformOverrides;

/**
 * The platform's adapters plus every module's services, built once from
 * config. Tests build their own with a fake clock or a silent log; nothing
 * is a module singleton.
 */
export interface Container<S extends object = Services> extends Platform {
  services: S;
  /** Each module's routes, jobs and subscriptions, in list order. */
  modules: readonly (ModuleParts<object> & { name: string })[];
  migrate(): Promise<void>;
  /** Database reachable and fully migrated. */
  ready(): Promise<boolean>;
}

export async function buildContainer(config: Config, overrides: PlatformOverrides = {}): Promise<Container> {
  return assemble(await buildPlatform(config, overrides), MODULES);
}

/** Walks the module list over a platform: services in order, then one job catalogue and the subscriptions. */
export function assemble<S extends object>(platform: Platform, list: ModuleList<S>): Container<S> {
  const { services, parts } = list.build(platform);
  const jobs: Record<string, unknown> = { ...platformJobs(platform) };
  for (const part of parts) {
    for (const [name, spec] of Object.entries(part.jobs ?? {})) {
      if (name in jobs) throw new Error(`module ${part.name} defines the job "${name}" again`);
      jobs[name] = spec;
    }
    if (part.subscriptions) platform.events.subscribe(part.name, part.subscriptions);
  }
  platform.jobs.define(jobs as Parameters<Platform['jobs']['define']>[0]);

  let migrated = false;
  return {
    ...platform,
    services,
    modules: parts,
    migrate: async () => {
      const result = await migrateToLatest(platform.db);
      for (const m of result.results ?? []) {
        platform.log.info({ migration: m.migrationName, status: m.status }, 'migration');
      }
    },
    // Probes come every few seconds: the migration check (files and catalogue) runs until it
    // first passes, then only the database's answer is checked.
    ready: async () => {
      if (migrated) {
        await sql`select 1`.execute(platform.db);
        return true;
      }
      migrated = await isMigrated(platform.db);
      return migrated;
    },
  };
}
