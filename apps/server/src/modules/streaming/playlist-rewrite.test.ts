import { describe, expect, it } from 'vitest';
import { rewritePlaylist, withToken } from './playlist-rewrite';

const TOKEN = 'cGF5bG9hZA.bWFj-_x';

describe('playlist rewriting', () => {
  it('adds the token to every rendition of a master playlist', () => {
    const master = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      '#EXT-X-STREAM-INF:BANDWIDTH=140000,CODECS="mp4a.40.2"',
      '128k/index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=70000,CODECS="mp4a.40.2"',
      '64k/index.m3u8',
      '',
    ].join('\n');
    expect(rewritePlaylist(master, TOKEN)).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '#EXT-X-STREAM-INF:BANDWIDTH=140000,CODECS="mp4a.40.2"',
        `128k/index.m3u8?token=${TOKEN}`,
        '#EXT-X-STREAM-INF:BANDWIDTH=70000,CODECS="mp4a.40.2"',
        `64k/index.m3u8?token=${TOKEN}`,
        '',
      ].join('\n'),
    );
  });

  it('adds the token to every segment of a media playlist, keeping CRLF line ends', () => {
    const media =
      '#EXTM3U\r\n#EXT-X-TARGETDURATION:2\r\n#EXTINF:2.0,\r\nseg_00000.ts\r\n#EXTINF:1.5,\r\nseg_00001.ts\r\n#EXT-X-ENDLIST\r\n';
    expect(rewritePlaylist(media, TOKEN)).toBe(
      `#EXTM3U\r\n#EXT-X-TARGETDURATION:2\r\n#EXTINF:2.0,\r\nseg_00000.ts?token=${TOKEN}\r\n#EXTINF:1.5,\r\nseg_00001.ts?token=${TOKEN}\r\n#EXT-X-ENDLIST\r\n`,
    );
  });

  it('rewrites URI attributes of tags, not comments or other attributes', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="main",URI="128k/index.m3u8"',
      '#EXT-X-MAP:URI="init.mp4",BYTERANGE="720@0"',
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI="iframes.m3u8?x=1"',
      '# a comment with URI="kept.m3u8"',
      '#EXT-X-SESSION-DATA:DATA-ID="com.example",VALUE="URI"',
    ].join('\n');
    expect(rewritePlaylist(text, TOKEN).split('\n')).toEqual([
      '#EXTM3U',
      `#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="main",URI="128k/index.m3u8?token=${TOKEN}"`,
      `#EXT-X-MAP:URI="init.mp4?token=${TOKEN}",BYTERANGE="720@0"`,
      `#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=1,URI="iframes.m3u8?x=1&token=${TOKEN}"`,
      '# a comment with URI="kept.m3u8"',
      '#EXT-X-SESSION-DATA:DATA-ID="com.example",VALUE="URI"',
    ]);
  });

  it('keeps surrounding whitespace and blank lines, and trims nothing else', () => {
    expect(rewritePlaylist('#EXTM3U\n\n  seg_00000.ts \n\n', TOKEN)).toBe(
      `#EXTM3U\n\n  seg_00000.ts?token=${TOKEN} \n\n`,
    );
  });

  it('never sends the token to another host or into a data: URI', () => {
    const text = [
      'https://cdn.example/seg.ts',
      '//cdn.example/seg.ts',
      '#EXT-X-KEY:METHOD=AES-128,URI="data:text/plain;base64,AAAA"',
      '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://key"',
      '/stream/abs/seg.ts',
    ].join('\n');
    expect(rewritePlaylist(text, TOKEN).split('\n')).toEqual([
      'https://cdn.example/seg.ts',
      '//cdn.example/seg.ts',
      '#EXT-X-KEY:METHOD=AES-128,URI="data:text/plain;base64,AAAA"',
      '#EXT-X-KEY:METHOD=SAMPLE-AES,URI="skd://key"',
      `/stream/abs/seg.ts?token=${TOKEN}`,
    ]);
  });

  it('joins an existing query with & and keeps a fragment last', () => {
    expect(withToken('a.ts', 't')).toBe('a.ts?token=t');
    expect(withToken('a.ts?x=1', 't')).toBe('a.ts?x=1&token=t');
    expect(withToken('a.ts?', 't')).toBe('a.ts?token=t');
    expect(withToken('a.ts?x=1&', 't')).toBe('a.ts?x=1&token=t');
    expect(withToken('a.ts#f', 't')).toBe('a.ts?token=t#f');
    expect(withToken('a b.ts', 'a+b/c=')).toBe('a b.ts?token=a%2Bb%2Fc%3D');
    expect(withToken('', 't')).toBe('');
  });

  it('leaves a playlist without URIs as it is', () => {
    expect(rewritePlaylist('', TOKEN)).toBe('');
    expect(rewritePlaylist('#EXTM3U\n#EXT-X-ENDLIST', TOKEN)).toBe('#EXTM3U\n#EXT-X-ENDLIST');
  });
});
