import { describe, expect, it } from 'vitest';
import { Validation } from '@/platform/http/errors';
import { decodeCursor, encodeCursor, pageOf } from './keyset';

describe('keyset cursors', () => {
  const at = new Date('2026-11-29T10:00:00.000Z');
  const id = '5a0f3c8e-9d7b-4f4e-8a61-2b1c0d9e8f70';

  it('round-trip and refuse anything the API did not give out', () => {
    expect(decodeCursor(encodeCursor({ at, id }))).toEqual({ at, id });
    for (const raw of [
      '',
      'garbage',
      Buffer.from('yesterday|x').toString('base64url'),
      Buffer.from(at.toISOString()).toString('base64url'),
    ]) {
      expect(() => decodeCursor(raw)).toThrow(Validation);
    }
  });

  it('cut limit + 1 rows into a page and the cursor of its last row', () => {
    const rows = [1, 2, 3].map((n) => ({ n, at: new Date(at.getTime() - n), id }));
    const more = pageOf(rows, 2, (r) => r);
    expect(more.rows.map((r) => r.n)).toEqual([1, 2]);
    expect(decodeCursor(more.nextCursor!)).toEqual({ at: rows[1]!.at, id });
    expect(pageOf(rows, 3, (r) => r).nextCursor).toBeNull();
  });
});
