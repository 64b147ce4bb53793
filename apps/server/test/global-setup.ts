import os from 'node:os';
import path from 'node:path';
import { promises as fs } from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb, createPool } from '@/platform/db/db';
import { startEmbeddedPostgres, type EmbeddedCluster } from '@/platform/db/embedded';
import { migrateToLatest } from '@/platform/db/migrator';
import { createJobQueue } from '@/platform/jobs/queue';
import { pino } from 'pino';

/**
 * One Postgres for the whole run: TEST_DATABASE_URL when given, else an
 * embedded throwaway cluster. A template database is migrated once; each
 * test file clones it (CREATE DATABASE … TEMPLATE), which takes ~50 ms.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

const TEMPLATE = 'veza_test_template';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster: EmbeddedCluster | undefined;
  let tmpDir: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'veza-test-pg-'));
    cluster = await startEmbeddedPostgres({ dir: path.join(tmpDir, 'pg'), persistent: false });
    adminUrl = cluster.url('postgres');
  }
  await recreateDatabase(adminUrl, TEMPLATE);
  const templateUrl = withDatabase(adminUrl, TEMPLATE);
  const pool = createPool(templateUrl, 2);
  const db = createDb(pool);
  await migrateToLatest(db);
  // pg-boss creates its schema once here, so test files start it instantly.
  const jobs = createJobQueue({ url: templateUrl, log: pino({ level: 'silent' }), pollIntervalMs: 1000 });
  await jobs.start({ work: false });
  await jobs.stop();
  await db.destroy();

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', TEMPLATE);
  return async () => {
    await cluster?.stop();
    if (tmpDir) await fs.rm(tmpDir, { recursive: true, force: true });
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}
