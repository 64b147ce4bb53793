import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { createDb, createPool, type Db } from './db';
import { MigrationEdited, isMigrated, migrateToLatest } from './migrator';

describe('migrator', () => {
  let db: Db;
  let dir: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    // An empty database of its own: the migrations here are the test's, not Veza's.
    const database = await createTestDatabase({ empty: true });
    drop = database.drop;
    db = createDb(createPool(database.url, 2));
    dir = await mkdtemp(path.join(os.tmpdir(), 'veza-migrations-'));
  });
  afterAll(async () => {
    await db.destroy();
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  const write = (name: string, text: string) => writeFile(path.join(dir, `${name}.sql`), text);
  const tables = async () =>
    (
      await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(
        db,
      )
    ).rows.map((r) => r.tablename);

  it('applies legacy and timestamped names in order, then one from a branch with an older timestamp', async () => {
    await write('0001_first', 'CREATE TABLE first (id int);');
    await write('20261129060000_later', 'CREATE TABLE later (id int);');
    await migrateToLatest(db, dir);
    // Another branch landed a migration stamped before the one already applied.
    await write('20261129050000_from_a_branch', 'CREATE TABLE from_a_branch (id int);');
    expect(await isMigrated(db, dir)).toBe(false);
    await migrateToLatest(db, dir);
    expect(await isMigrated(db, dir)).toBe(true);
    expect(await tables()).toEqual(expect.arrayContaining(['first', 'later', 'from_a_branch']));
  });

  it('refuses to run when an applied migration was edited, and applies nothing', async () => {
    await write('0001_first', 'CREATE TABLE first (id int, edited int);');
    await write('20261129070000_next', 'CREATE TABLE next (id int);');
    const err = await migrateToLatest(db, dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationEdited);
    expect((err as Error).message).toContain('0001_first');
    expect(await tables()).not.toContain('next');
    await write('0001_first', 'CREATE TABLE first (id int);');
    await migrateToLatest(db, dir);
    expect(await tables()).toContain('next');
  });

  it('refuses a migration whose name would sort unpredictably', async () => {
    await write('5_quick_fix', 'SELECT 1;');
    await expect(migrateToLatest(db, dir)).rejects.toThrow(/YYYYMMDDHHMMSS/);
    await rm(path.join(dir, '5_quick_fix.sql'));
  });
});
