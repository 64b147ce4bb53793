/** What the player hears from the audio element, in milliseconds. */
export type EngineEvent =
  | { type: 'time'; positionMs: number }
  | { type: 'duration'; durationMs: number }
  | { type: 'playing' }
  | { type: 'paused' }
  | { type: 'waiting' }
  | { type: 'ended' }
  /**
   * Playback cannot go on. `expired` means the stream answered 403: the
   * signed link has run out and a fresh one may fix it; `network` may be
   * the same seen through a native player that does not say why.
   */
  | { type: 'error'; kind: 'expired' | 'network' | 'media' | 'unsupported'; message: string };

/**
 * The one <audio> element and its HLS plumbing, behind a small port so the
 * player's rules run in unit tests with a fake (jsdom cannot play media).
 */
export interface AudioEngine {
  /** Points the element at an HLS master playlist; resolves when play() may be called. */
  load(url: string, startMs: number): Promise<void>;
  /** Rejects when the browser refuses (autoplay policy) or there is nothing loaded. */
  play(): Promise<void>;
  pause(): void;
  seek(positionMs: number): void;
  setVolume(volume: number): void;
  /** Stops and forgets the current source. */
  unload(): void;
  subscribe(listener: (event: EngineEvent) => void): () => void;
  destroy(): void;
}
