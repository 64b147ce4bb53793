import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from 'kysely';
import { REPO_ROOT } from '@/config';
import type { Db } from './db';

export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'apps/server/migrations');

/** Plain .sql files, applied in name order, each inside a transaction. */
class SqlFileProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(this.dir)).filter((f) => f.endsWith('.sql')).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await fs.readFile(path.join(this.dir, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

export function createMigrator(db: Db, dir = MIGRATIONS_DIR): Migrator {
  return new Migrator({ db, provider: new SqlFileProvider(dir) });
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const result = await createMigrator(db).migrateToLatest();
  if (result.error)
    throw result.error instanceof Error ? result.error : new Error('migration failed', { cause: result.error });
  return result;
}

/** True when every migration file has been applied. */
export async function isMigrated(db: Db): Promise<boolean> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.every((m) => m.executedAt !== undefined);
}
