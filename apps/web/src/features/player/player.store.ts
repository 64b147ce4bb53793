import type { Track } from '@/api';
import type { AudioEngine, EngineEvent } from './audio-engine';
import { effectiveVolume } from './normalization';
import { engineErrorMessage, loadErrorMessage } from './player.errors';
import type { PlayReporter } from './play-reporter';
import { loadPrefs, savePrefs, type PlayerPrefs, type PrefsStorage } from './player.prefs';
import { loadPlayback, savePlayback } from './player.session';

export type PlaybackStatus = 'idle' | 'loading' | 'playing' | 'paused' | 'error';

/** What the player needs of a track; lists and the track page both have it. */
export type PlayableTrack = Pick<
  Track,
  'id' | 'title' | 'artist' | 'coverUrl' | 'durationMs' | 'loudnessLufs' | 'status'
>;

export interface PlayerState extends PlayerPrefs {
  queue: PlayableTrack[];
  /** Index in `queue` of `current`; -1 when nothing is loaded. */
  index: number;
  current: PlayableTrack | null;
  status: PlaybackStatus;
  /** Playing but waiting for data. */
  buffering: boolean;
  positionMs: number;
  durationMs: number;
  /** Why playback stopped, in words for the listener. */
  error: string | null;
  /** Something the listener should know that is not a failure (the playing track was deleted). */
  notice: string | null;
}

export interface PlayerDeps {
  /** A fresh signed HLS link for a track. */
  streamUrl: (trackId: string) => Promise<string>;
  reporter: PlayReporter;
  storage?: PrefsStorage | undefined;
}

/** Pressing "previous" this far into a track restarts it instead. */
export const RESTART_THRESHOLD_MS = 3000;

const INITIAL: Omit<PlayerState, keyof PlayerPrefs> = {
  queue: [],
  index: -1,
  current: null,
  status: 'idle',
  buffering: false,
  positionMs: 0,
  durationMs: 0,
  error: null,
  notice: null,
};

/** The saved position is written at most this often while playing (and always on pause or leaving). */
const SAVE_POSITION_EVERY_MS = 5000;

/**
 * The player's state and rules, apart from React and from the <audio>
 * element (an AudioEngine port): the queue, what "previous" means, volume
 * with loudness normalisation, reloading an expired stream link, reporting
 * plays. One store lives for the whole session, so navigating never stops
 * the music.
 */
export class PlayerStore {
  private state: PlayerState;
  private readonly listeners = new Set<() => void>();
  private engine: AudioEngine | null = null;
  /** Bumped by every load: answers for an older one are ignored. */
  private loadToken = 0;
  /** Whether the listener wants sound; a load in flight plays when it lands only if so. */
  private wantsPlay = false;
  /** A stream link is renewed once per failure streak, so a lasting 403 cannot loop. */
  private linkRenewed = false;
  private ended = false;
  private loadInFlight = false;
  /** Whether the engine holds `current`: not after a reload restored the queue, nor after its track was deleted. */
  private loaded = false;
  private savedPositionMs = 0;

  constructor(private readonly deps: PlayerDeps) {
    this.state = { ...INITIAL, ...loadPrefs(deps.storage) };
    // A reload brings the queue back where it was, paused: browsers would refuse to play without a click anyway.
    const saved = loadPlayback(deps.storage);
    if (saved) {
      const current = saved.queue[saved.index] ?? null;
      this.state = {
        ...this.state,
        queue: saved.queue,
        index: saved.index,
        current,
        status: 'paused',
        positionMs: saved.positionMs,
        durationMs: current?.durationMs ?? 0,
      };
      this.savedPositionMs = saved.positionMs;
    }
  }

  getState = (): PlayerState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Plugs in the audio element; the returned function unplugs and destroys it. */
  connect(engine: AudioEngine): () => void {
    this.engine = engine;
    const unsubscribe = engine.subscribe((event) => this.onEngine(event));
    this.applyVolume();
    return () => {
      unsubscribe();
      engine.destroy();
      if (this.engine === engine) this.engine = null;
      if (this.state.status === 'playing' || this.state.status === 'loading') this.set({ status: 'paused' });
    };
  }

  /**
   * Plays `track`. With a `queue` (which should contain it) the queue is
   * replaced; without one, a track already queued is jumped to and any
   * other becomes a queue of one. `startMs` starts from there.
   */
  play(track: PlayableTrack, queue?: readonly PlayableTrack[], opts: { startMs?: number } = {}): void {
    const { current } = this.state;
    if (current?.id === track.id && !queue) {
      if (opts.startMs !== undefined) this.seek(opts.startMs);
      this.resume();
      return;
    }
    let list: PlayableTrack[];
    if (queue?.some((t) => t.id === track.id)) list = [...queue];
    else if (!queue && this.state.queue.some((t) => t.id === track.id)) list = this.state.queue;
    else list = [track];
    const index = list.findIndex((t) => t.id === track.id);
    this.set({ queue: list });
    void this.loadIndex(index, { startMs: opts.startMs ?? 0, newPlayback: true });
  }

  /** Plays the queue entry at `index`. */
  playAt(index: number): void {
    if (index < 0 || index >= this.state.queue.length) return;
    if (index === this.state.index) return this.resume();
    void this.loadIndex(index, { startMs: 0, newPlayback: true });
  }

  toggle(): void {
    const { status } = this.state;
    if (status === 'playing' || (status === 'loading' && this.wantsPlay)) this.pause();
    else this.resume();
  }

  pause(): void {
    this.wantsPlay = false;
    this.engine?.pause();
    if (this.loadInFlight) this.set({ status: 'paused' });
  }

  resume(): void {
    const { current, status } = this.state;
    if (!current) {
      if (this.state.queue.length > 0) void this.loadIndex(0, { startMs: 0, newPlayback: true });
      return;
    }
    this.wantsPlay = true;
    if (!this.loaded && !this.loadInFlight) {
      void this.loadIndex(this.state.index, { startMs: this.state.positionMs, newPlayback: true });
      return;
    }
    if (status === 'error') {
      this.linkRenewed = false;
      void this.loadIndex(this.state.index, { startMs: this.state.positionMs, newPlayback: false });
      return;
    }
    if (this.loadInFlight) return this.set({ status: 'loading' });
    if (this.ended) this.seek(0);
    this.startEngine();
  }

  next(): void {
    if (this.state.index < this.state.queue.length - 1) {
      void this.loadIndex(this.state.index + 1, { startMs: 0, newPlayback: true });
    }
  }

  /** Restarts the track when past its first seconds, else goes to the one before (or restarts the first). */
  previous(): void {
    if (!this.state.current) return;
    if (this.state.positionMs > RESTART_THRESHOLD_MS || this.state.index <= 0) {
      this.seek(0);
      return;
    }
    void this.loadIndex(this.state.index - 1, { startMs: 0, newPlayback: true });
  }

  seek(positionMs: number): void {
    if (!this.state.current) return;
    const max = this.state.durationMs > 0 ? this.state.durationMs : Number.POSITIVE_INFINITY;
    const target = Math.max(0, Math.min(max, positionMs));
    this.ended = false;
    this.engine?.seek(target);
    this.deps.reporter.resync(target);
    this.set({ positionMs: target });
  }

  seekBy(deltaMs: number): void {
    this.seek(this.state.positionMs + deltaMs);
  }

  setVolume(volume: number): void {
    this.setPrefs({ volume: Math.max(0, Math.min(1, volume)), muted: volume <= 0 ? this.state.muted : false });
  }

  toggleMute(): void {
    this.setPrefs({ muted: !this.state.muted });
  }

  toggleNormalize(): void {
    this.setPrefs({ normalize: !this.state.normalize });
  }

  removeFromQueue(index: number): void {
    const { queue, index: currentIndex } = this.state;
    if (index === currentIndex || index < 0 || index >= queue.length) return;
    this.set({
      queue: queue.filter((_, i) => i !== index),
      index: index < currentIndex ? currentIndex - 1 : currentIndex,
    });
  }

  /** New details of a track (its title was edited): every queued copy follows. */
  refreshTrack(track: PlayableTrack): void {
    if (!this.state.queue.some((t) => t.id === track.id)) return;
    const queue = this.state.queue.map((t) => (t.id === track.id ? { ...t, ...track } : t));
    this.set({ queue, current: this.state.index >= 0 ? (queue[this.state.index] ?? null) : null });
    this.applyVolume();
  }

  /**
   * A track that no longer exists (its artist deleted it) leaves the queue.
   * If it was the current one, playback stops and says why: starting the
   * next track unasked would be a surprise, and the deleted one's play
   * can no longer be reported. Returns whether playback stopped.
   */
  forgetTrack(trackId: string): boolean {
    const { queue, index, current } = this.state;
    if (!queue.some((t) => t.id === trackId)) return false;
    const kept = queue.filter((t) => t.id !== trackId);
    const removedBefore = queue.slice(0, index).filter((t) => t.id === trackId).length;
    if (current?.id !== trackId) {
      this.set({ queue: kept, index: index - removedBefore });
      return false;
    }
    const wasPlaying = this.wantsPlay || this.state.status === 'playing';
    this.deps.reporter.discard();
    this.loadToken++;
    this.loadInFlight = false;
    this.loaded = false;
    this.wantsPlay = false;
    this.engine?.unload();
    if (kept.length === 0) {
      this.set({ ...INITIAL });
      return wasPlaying;
    }
    // The track after it waits where the deleted one was (or the last one does, if it was last).
    const nextIndex = Math.min(index - removedBefore, kept.length - 1);
    const next = kept[nextIndex] ?? null;
    this.set({
      queue: kept,
      index: nextIndex,
      current: next,
      status: 'paused',
      buffering: false,
      positionMs: 0,
      durationMs: next?.durationMs ?? 0,
      error: null,
      notice: `“${current.title}” was deleted, so playback stopped.`,
    });
    return wasPlaying;
  }

  /** Stops and empties the player; its bar goes away. */
  close(): void {
    this.loadToken++;
    this.loadInFlight = false;
    this.loaded = false;
    this.wantsPlay = false;
    this.deps.reporter.end();
    this.engine?.unload();
    this.set({ ...INITIAL });
  }

  /** Leaving the page: report what was heard. */
  flushReports(): void {
    this.deps.reporter.flush();
    this.savePlayback();
  }

  private async loadIndex(index: number, opts: { startMs: number; newPlayback: boolean }): Promise<void> {
    const track = this.state.queue[index];
    if (!track) return;
    const token = ++this.loadToken;
    this.wantsPlay = true;
    this.ended = false;
    this.loaded = false;
    if (opts.newPlayback) {
      this.linkRenewed = false;
      this.deps.reporter.start(track.id, opts.startMs);
    }
    this.set({
      index,
      current: track,
      status: 'loading',
      buffering: false,
      positionMs: opts.startMs,
      durationMs: track.durationMs ?? 0,
      error: null,
      notice: null,
    });
    this.applyVolume();
    this.loadInFlight = true;
    try {
      const url = await this.deps.streamUrl(track.id);
      if (token !== this.loadToken) return;
      if (!this.engine) return this.set({ status: 'paused' });
      await this.engine.load(url, opts.startMs);
      if (token !== this.loadToken) return;
      this.loadInFlight = false;
      this.loaded = true;
      if (!this.wantsPlay) return this.set({ status: 'paused' });
      this.startEngine();
    } catch (err) {
      if (token !== this.loadToken) return;
      this.fail(loadErrorMessage(err));
    } finally {
      if (token === this.loadToken) this.loadInFlight = false;
    }
  }

  private startEngine(): void {
    const engine = this.engine;
    if (!engine) return;
    this.wantsPlay = true;
    engine.play().catch((err: unknown) => {
      // The browser wants a click first (autoplay policy): wait paused for one.
      if (err instanceof DOMException && err.name === 'NotAllowedError') this.set({ status: 'paused' });
      // AbortError: a newer load or a pause interrupted this play(); that one decides.
    });
  }

  private onEngine(event: EngineEvent): void {
    const reporter = this.deps.reporter;
    switch (event.type) {
      case 'time':
        if (this.state.status === 'loading' && event.positionMs === 0 && this.state.positionMs > 0) return;
        if (this.state.status === 'playing') reporter.progress(event.positionMs);
        this.set({ positionMs: event.positionMs });
        if (Math.abs(event.positionMs - this.savedPositionMs) >= SAVE_POSITION_EVERY_MS) this.savePlayback();
        return;
      case 'duration':
        this.set({ durationMs: event.durationMs });
        return;
      case 'playing':
        this.linkRenewed = false;
        this.ended = false;
        // A replay after the end is a new playback for the play count.
        if (!reporter.sessionId && this.state.current) reporter.start(this.state.current.id, this.state.positionMs);
        reporter.resync(this.state.positionMs);
        this.set({ status: 'playing', buffering: false, error: null });
        return;
      case 'paused':
        if (this.state.status === 'loading' || this.state.status === 'error') return;
        reporter.flush();
        this.set({ status: 'paused', buffering: false });
        this.savePlayback();
        return;
      case 'waiting':
        this.set({ buffering: true });
        return;
      case 'ended':
        reporter.end();
        this.ended = true;
        if (this.state.index < this.state.queue.length - 1) this.next();
        else this.set({ status: 'paused', buffering: false, positionMs: this.state.durationMs });
        return;
      case 'error':
        this.onEngineError(event);
        return;
      default:
        return;
    }
  }

  private onEngineError(event: Extract<EngineEvent, { type: 'error' }>): void {
    const { current, index, positionMs } = this.state;
    if (!current) return;
    if ((event.kind === 'expired' || event.kind === 'network') && !this.linkRenewed) {
      // Signed links last hours; a long pause outlives them. Ask for a new one and carry on where we were.
      this.linkRenewed = true;
      const wasPlaying = this.wantsPlay;
      void this.loadIndex(index, { startMs: positionMs, newPlayback: false }).then(() => {
        if (!wasPlaying) this.pause();
      });
      return;
    }
    this.deps.reporter.flush();
    this.fail(engineErrorMessage(event.kind));
  }

  private fail(message: string): void {
    this.wantsPlay = false;
    this.set({ status: 'error', buffering: false, error: message });
  }

  private setPrefs(patch: Partial<PlayerPrefs>): void {
    this.set(patch);
    const { volume, muted, normalize } = this.state;
    savePrefs(this.deps.storage, { volume, muted, normalize });
    this.applyVolume();
  }

  private applyVolume(): void {
    const { volume, muted, normalize, current } = this.state;
    this.engine?.setVolume(effectiveVolume({ volume, muted, normalize, lufs: current?.loudnessLufs ?? null }));
  }

  private set(patch: Partial<PlayerState>): void {
    const before = this.state;
    this.state = { ...this.state, ...patch };
    if (before.queue !== this.state.queue || before.index !== this.state.index) this.savePlayback();
    this.listeners.forEach((listener) => listener());
  }

  private savePlayback(): void {
    const { queue, index, positionMs } = this.state;
    this.savedPositionMs = positionMs;
    savePlayback(this.deps.storage, index >= 0 ? { queue, index, positionMs } : null);
  }
}
