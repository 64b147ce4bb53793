import type { BlobStorage } from '@/platform/storage/storage';

/** A one-rendition HLS ladder small enough for any test: two segments, the second 10 bytes. */
export const SEGMENT = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7) % 256));
export const MASTER =
  '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=140000,CODECS="mp4a.40.2"\n128k/index.m3u8\n';
const VARIANT = [
  '#EXTM3U',
  '#EXT-X-VERSION:3',
  '#EXT-X-TARGETDURATION:2',
  '#EXT-X-PLAYLIST-TYPE:VOD',
  '#EXTINF:2.0,',
  'seg_00000.ts',
  '#EXTINF:2.0,',
  'seg_00001.ts',
  '#EXT-X-ENDLIST',
  '',
].join('\n');

export async function putHls(storage: BlobStorage, trackId: string, version = 'v1'): Promise<void> {
  const prefix = `tracks/${trackId}/hls/${version}`;
  await storage.put(`${prefix}/master.m3u8`, Buffer.from(MASTER));
  await storage.put(`${prefix}/128k/index.m3u8`, Buffer.from(VARIANT));
  await storage.put(`${prefix}/128k/seg_00000.ts`, SEGMENT);
  await storage.put(`${prefix}/128k/seg_00001.ts`, SEGMENT.subarray(0, 10));
}
