import { describe, expect, it } from 'vitest';
import { parseProgress } from './track-events';

const trackId = '00000000-0000-4000-8000-000000000001';

describe('parseProgress', () => {
  it('reads a progress event', () => {
    expect(
      parseProgress(JSON.stringify({ trackId, status: 'failed', progress: 10, statusMessage: 'Truncated.' })),
    ).toEqual({ trackId, status: 'failed', progress: 10, statusMessage: 'Truncated.' });
  });

  it('takes a missing percent as 0 and a missing message as none', () => {
    expect(parseProgress(JSON.stringify({ trackId, status: 'processing' }))).toEqual({
      trackId,
      status: 'processing',
      progress: 0,
      statusMessage: null,
    });
  });

  it.each(['{"status":"ready"}', JSON.stringify({ trackId }), 'not json'])('drops %s', (data) => {
    expect(parseProgress(data)).toBeNull();
  });
});
