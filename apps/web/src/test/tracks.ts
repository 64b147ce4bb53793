import type { Track, TrackDetail } from '@/api';

let n = 0;

/** A ready, public track by Grace; override what the test is about. */
export function aTrack(overrides: Partial<Track> = {}): Track {
  n++;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `Track ${n}`,
    description: null,
    genre: 'Ambient',
    tags: [],
    visibility: 'public',
    status: 'ready',
    statusMessage: null,
    progress: 100,
    durationMs: 180_000,
    loudnessLufs: -14,
    coverUrl: null,
    playCount: 0,
    likeCount: 0,
    repostCount: 0,
    commentCount: 0,
    artist: { id: '0b9f1a52-5d62-4d0e-8a43-7f1f2b9d6c01', username: 'grace_h', displayName: 'Grace Hopper' },
    createdAt: '2025-01-10T10:00:00.000Z',
    readyAt: '2025-01-10T10:01:00.000Z',
    ...overrides,
  };
}

export function aTrackDetail(overrides: Partial<TrackDetail> = {}): TrackDetail {
  return {
    ...aTrack(overrides),
    waveform: Array.from({ length: 1800 }, (_, i) => Math.abs(Math.sin(i / 40))),
    ...overrides,
  };
}
