import { Validation } from '@/platform/http/errors';

/** Keyset position in a newest-first list of edges: when it was made, and the other end's id. */
export interface EdgeCursor {
  createdAt: Date;
  id: string;
}

export function encodeCursor(cursor: EdgeCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(raw: string): EdgeCursor {
  const [iso, id] = Buffer.from(raw, 'base64url').toString().split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new Validation([{ path: 'querystring/cursor', message: 'Not a cursor this API gave out' }]);
  }
  return { createdAt, id };
}

/** One page of `limit` from `limit + 1` rows, with the cursor of the next page when there is one. */
export function pageOf<R extends { created_at: Date }>(
  rows: R[],
  limit: number,
  idOf: (row: R) => string,
): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.created_at, id: idOf(last) }) : null,
  };
}
