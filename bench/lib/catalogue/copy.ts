import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** `COPY table (columns) FROM STDIN` fed from a generator of rows, in Postgres's text format. */

export type Field = string | number | boolean | Date | string[] | null;

export async function copyRows(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<Field[]>,
): Promise<number> {
  let count = 0;
  function* chunks(): Generator<string> {
    // A few hundred rows per chunk: big enough that stream overhead vanishes, small enough to stay flat in memory.
    let chunk = '';
    let inChunk = 0;
    for (const row of rows) {
      chunk += row.map(field).join('\t') + '\n';
      count++;
      if (++inChunk === 500) {
        yield chunk;
        chunk = '';
        inChunk = 0;
      }
    }
    if (chunk) yield chunk;
  }
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
  return count;
}

function field(value: Field): string {
  if (value === null) return '\\N';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escape(`{${value.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);
  return escape(String(value));
}

function escape(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
