import { parseFile } from 'music-metadata';

export interface EmbeddedTags {
  title?: string;
  artist?: string;
  album?: string;
  genre?: string;
  year?: number;
  picture?: { data: Buffer; format: string };
}

/**
 * The tags an upload carries, to prefill the track form. Best effort: a file
 * whose tags cannot be parsed gives {}, because whether it is playable audio
 * is the probe's call, not the tag parser's.
 */
export async function embeddedTags(filePath: string): Promise<EmbeddedTags> {
  try {
    const { common } = await parseFile(filePath, { duration: false, skipCovers: false });
    const tags: EmbeddedTags = {};
    if (common.title) tags.title = common.title;
    if (common.artist) tags.artist = common.artist;
    if (common.album) tags.album = common.album;
    if (common.genre?.[0]) tags.genre = common.genre[0];
    if (common.year) tags.year = common.year;
    const picture = common.picture?.[0];
    if (picture) tags.picture = { data: Buffer.from(picture.data), format: picture.format };
    return tags;
  } catch {
    return {};
  }
}
