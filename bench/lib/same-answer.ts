import { isDeepStrictEqual } from 'node:util';

/**
 * A ratio means something only if both sides do the same work: before any
 * load, both must answer 200 with the same JSON body.
 */
export async function assertSameJson(oursUrl: string, anchorUrl: string): Promise<unknown> {
  const [ours, anchor] = await Promise.all([getJson(oursUrl), getJson(anchorUrl)]);
  if (!isDeepStrictEqual(ours, anchor)) {
    throw new Error(
      `ours and the anchor answer differently:\n  ours:   ${JSON.stringify(ours)}\n  anchor: ${JSON.stringify(anchor)}`,
    );
  }
  return ours;
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}
