import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { Validation } from '@/platform/http/errors';

/**
 * Keyset pagination of newest-first lists: a page continues after the last
 * row's (time, id), so rows added meanwhile never shift or repeat a page as
 * offsets would. The id breaks ties between rows of the same instant.
 */
export interface KeysetCursor {
  at: Date;
  id: string;
}

/** What a repo needs for one page: `limit + 1` rows after the cursor, if any, tell whether another page exists. */
export interface PageRequest {
  after?: KeysetCursor;
  limit: number;
}

const UUID = /^[0-9a-f-]{36}$/;

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(raw: string): KeysetCursor {
  const [iso, id] = Buffer.from(raw, 'base64url').toString().split('|');
  const at = new Date(iso ?? '');
  if (!id || Number.isNaN(at.getTime()) || !UUID.test(id)) {
    throw new Validation([{ path: 'querystring/cursor', message: 'Not a cursor this API gave out' }]);
  }
  return { at, id };
}

/** A page request from a list's query string (`cursor`, `limit`). */
export function pageRequest(opts: { cursor?: string | undefined; limit?: number | undefined }): PageRequest {
  return { limit: opts.limit ?? 20, ...(opts.cursor ? { after: decodeCursor(opts.cursor) } : {}) };
}

/** Rows strictly after the cursor in (time, id) descending order, as one row comparison. */
export function olderThan(atColumn: string, idColumn: string, after: KeysetCursor): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(atColumn)}, ${sql.ref(idColumn)}) < (${after.at}, ${after.id})`;
}

/** Rows strictly after the cursor in (time, id) ascending order, for oldest-first lists. */
export function newerThan(atColumn: string, idColumn: string, after: KeysetCursor): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.ref(atColumn)}, ${sql.ref(idColumn)}) > (${after.at}, ${after.id})`;
}

/** One page of `limit` from the `limit + 1` rows fetched, with the next page's cursor when there is one. */
export function pageOf<R>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => KeysetCursor,
): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
