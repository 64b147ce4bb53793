import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator, sql } from 'kysely';
import { REPO_ROOT } from '@/config';
import type { Db } from './db';

export const MIGRATIONS_DIR = path.join(REPO_ROOT, 'apps/server/migrations');

/**
 * New migrations are named `YYYYMMDDHHMMSS_what.sql` (UTC), so two branches
 * adding one each cannot collide; the five first ones keep their `000N_`
 * names so existing installs upgrade.
 */
const MIGRATION_NAME = /^(\d{4}|\d{14})_[a-z0-9_]+$/;

/** Sha-256 of each applied migration's text, to refuse an edited one. Our own, beside Kysely's table. */
const CHECKSUMS_TABLE = 'veza_migration_checksums';

export class MigrationEdited extends Error {
  constructor(readonly names: string[]) {
    super(
      `Migration${names.length > 1 ? 's' : ''} ${names.join(', ')} changed after being applied. ` +
        'A landed migration is never edited: restore it and add a new migration for the change.',
    );
  }
}

interface MigrationFile {
  name: string;
  text: string;
  sha256: string;
}

async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return Promise.all(
    files.map(async (file) => {
      const name = file.replace(/\.sql$/, '');
      if (!MIGRATION_NAME.test(name)) {
        throw new Error(`migration ${file} is not named YYYYMMDDHHMMSS_snake_case.sql`);
      }
      const text = await fs.readFile(path.join(dir, file), 'utf8');
      return { name, text, sha256: createHash('sha256').update(text).digest('hex') };
    }),
  );
}

/** Plain .sql files, applied in name order, each inside a transaction. */
class SqlFileProvider implements MigrationProvider {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const { name, text } of await readMigrationFiles(this.dir)) {
      migrations[name] = {
        up: async (db) => {
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

export function createMigrator(db: Db, dir = MIGRATIONS_DIR): Migrator {
  // A branch's migration may carry an older timestamp than one already applied from another branch.
  return new Migrator({ db, provider: new SqlFileProvider(dir), allowUnorderedMigrations: true });
}

export async function migrateToLatest(db: Db, dir = MIGRATIONS_DIR): Promise<MigrationResultSet> {
  await refuseEditedMigrations(db, dir);
  const result = await createMigrator(db, dir).migrateToLatest();
  if (result.error)
    throw result.error instanceof Error ? result.error : new Error('migration failed', { cause: result.error });
  await recordChecksums(db, dir);
  return result;
}

/** True when every migration file has been applied. */
export async function isMigrated(db: Db, dir = MIGRATIONS_DIR): Promise<boolean> {
  const migrations = await createMigrator(db, dir).getMigrations();
  return migrations.every((m) => m.executedAt !== undefined);
}

async function refuseEditedMigrations(db: Db, dir: string): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS ${sql.table(CHECKSUMS_TABLE)} (name text PRIMARY KEY, sha256 text NOT NULL)`.execute(
    db,
  );
  const recorded = await sql<{ name: string; sha256: string }>`SELECT name, sha256 FROM ${sql.table(CHECKSUMS_TABLE)}`
    .execute(db)
    .then((r) => new Map(r.rows.map((row) => [row.name, row.sha256])));
  const edited = (await readMigrationFiles(dir))
    .filter((file) => recorded.has(file.name) && recorded.get(file.name) !== file.sha256)
    .map((file) => file.name);
  if (edited.length > 0) throw new MigrationEdited(edited);
}

/** Applied migrations without a checksum get today's text as theirs (installs from before checksums too). */
async function recordChecksums(db: Db, dir: string): Promise<void> {
  const applied = new Set(
    (await createMigrator(db, dir).getMigrations()).filter((m) => m.executedAt !== undefined).map((m) => m.name),
  );
  for (const file of await readMigrationFiles(dir)) {
    if (!applied.has(file.name)) continue;
    await sql`INSERT INTO ${sql.table(CHECKSUMS_TABLE)} (name, sha256) VALUES (${file.name}, ${file.sha256})
              ON CONFLICT (name) DO NOTHING`.execute(db);
  }
}
