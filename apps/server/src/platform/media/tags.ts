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
 * Larger embedded pictures are skipped: a front cover is a few hundred KB,
 * and a picture of hundreds of MB (the upload limit allows it) would only
 * be copied and handed to the image decoder to make a 1200 px thumbnail.
 */
export const MAX_EMBEDDED_PICTURE_BYTES = 10 * 1024 * 1024;

/**
 * The tags an upload carries, to prefill the track form. Best effort: a file
 * whose tags cannot be parsed gives {}, because whether it is playable audio
 * is the probe's call, not the tag parser's. The picture is the first one
 * of at most MAX_EMBEDDED_PICTURE_BYTES.
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
    const picture = common.picture?.find((p) => p.data.length <= MAX_EMBEDDED_PICTURE_BYTES);
    if (picture) tags.picture = { data: Buffer.from(picture.data), format: picture.format };
    return tags;
  } catch {
    return {};
  }
}
