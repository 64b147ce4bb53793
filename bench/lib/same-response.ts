import http from 'node:http';

/**
 * An anchor measures our overhead only if it sends what we send. Before any
 * load, one response from each side is compared: same status, same body
 * bytes, and the same header lines in the same order, byte for byte (names
 * as written, values), except the values that differ by nature between two
 * responses (the date, the request id). Any other difference throws, with
 * both header blocks in the message, and the benchmark fails.
 */

export interface RawResponse {
  status: number;
  /** Name and value of each header line as sent, in order. */
  headers: [string, string][];
  body: Buffer;
}

/** Present on both sides, but their values may differ from one response to the next. */
export const VARYING_HEADERS = ['date', 'x-request-id'];

export async function assertSameResponse(
  oursUrl: string,
  anchorUrl: string,
  opts: { varying?: string[] } = {},
): Promise<RawResponse> {
  const [ours, anchor] = await Promise.all([rawGet(oursUrl), rawGet(anchorUrl)]);
  const problems = responseDifferences(ours, anchor, opts.varying ?? VARYING_HEADERS);
  if (problems.length) {
    throw new Error(
      `the anchor does not answer as ours does, so the ratio would compare different work:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        `\n  ours (${oursUrl.split('?')[0]}):\n${headerBlock(ours)}\n  anchor (${anchorUrl.split('?')[0]}):\n${headerBlock(anchor)}`,
    );
  }
  process.stderr.write(
    `  same answer from ours and the anchor: ${ours.status}, ${ours.body.length} bytes, ` +
      `${ours.headers.length} header lines identical but ${(opts.varying ?? VARYING_HEADERS).join(' and ')} values\n`,
  );
  return ours;
}

/** What differs between two responses, in words; empty when they match. */
export function responseDifferences(ours: RawResponse, anchor: RawResponse, varying: string[]): string[] {
  const problems: string[] = [];
  if (ours.status !== anchor.status) problems.push(`status ${ours.status} / ${anchor.status}`);
  if (!ours.body.equals(anchor.body)) problems.push(`body: ${describe(ours.body)} / ${describe(anchor.body)}`);
  const skip = new Set(varying.map((name) => name.toLowerCase()));
  const lines = Math.max(ours.headers.length, anchor.headers.length);
  for (let i = 0; i < lines; i++) {
    const [a, b] = [ours.headers[i], anchor.headers[i]];
    if (!a || !b) {
      problems.push(`header line ${i + 1}: ${a ? `"${a.join(': ')}"` : 'none'} / ${b ? `"${b.join(': ')}"` : 'none'}`);
    } else if (a[0] !== b[0]) {
      problems.push(`header line ${i + 1}: "${a[0]}" / "${b[0]}"`);
    } else if (a[1] !== b[1] && !skip.has(a[0].toLowerCase())) {
      problems.push(`${a[0]}: "${a[1]}" / "${b[1]}"`);
    }
  }
  return problems;
}

/**
 * One GET through a keep-alive agent, as the load generators send it (so
 * the answer carries the Connection and Keep-Alive lines they see), read
 * back with the header lines as they came off the wire.
 */
export function rawGet(url: string): Promise<RawResponse> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return new Promise<RawResponse>((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const headers: [string, string][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      })
      .on('error', reject);
  }).finally(() => agent.destroy());
}

function headerBlock(res: RawResponse): string {
  return [`    HTTP ${res.status}`, ...res.headers.map(([name, value]) => `    ${name}: ${value}`)].join('\n');
}

function describe(body: Buffer): string {
  return body.length <= 80 ? JSON.stringify(body.toString('latin1')) : `${body.length} bytes`;
}
