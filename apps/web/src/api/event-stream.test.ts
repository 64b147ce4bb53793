import { describe, expect, it } from 'vitest';
import { EventStreamParser, readEventStream } from './event-stream';

describe('EventStreamParser', () => {
  it('yields whole events however the chunks fall, skipping comments', () => {
    const parser = new EventStreamParser();
    expect(parser.push(': connected\n\nevent: prog')).toEqual([]);
    expect(parser.push('ress\ndata: {"a":1}\n')).toEqual([]);
    expect(parser.push('\n: keep-alive\n\nevent: progress\r\ndata: {"a":2}\r\n\r\n')).toEqual([
      { event: 'progress', data: '{"a":1}' },
      { event: 'progress', data: '{"a":2}' },
    ]);
  });

  it('joins multi-line data and defaults the event name to "message"', () => {
    const parser = new EventStreamParser();
    expect(parser.push('data: one\ndata:two\n\n')).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });

  it('reads a byte stream to its end', async () => {
    const bytes = new TextEncoder().encode('event: progress\ndata: {"x":"é"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        // Split inside the two-byte "é": the decoder must wait for its second half.
        controller.enqueue(bytes.slice(0, 30));
        controller.enqueue(bytes.slice(30));
        controller.close();
      },
    });
    const seen: string[] = [];
    await readEventStream(body, (e) => seen.push(e.data));
    expect(seen).toEqual(['{"x":"é"}']);
  });
});
