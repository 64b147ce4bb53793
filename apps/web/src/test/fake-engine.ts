import type { AudioEngine, EngineEvent } from '@/features/player';

/**
 * An AudioEngine that plays nothing: it records what the player asked for,
 * and a test emits the element's events (time, playing, ended…) by hand.
 */
export class FakeEngine implements AudioEngine {
  loads: { url: string; startMs: number }[] = [];
  seeks: number[] = [];
  volume = 1;
  playing = false;
  destroyed = false;
  /** Make the next play() fail the way a browser's autoplay policy does. */
  refusePlay = false;
  private readonly listeners = new Set<(event: EngineEvent) => void>();

  load = async (url: string, startMs: number) => {
    this.loads.push({ url, startMs });
  };

  play = async () => {
    if (this.refusePlay) throw new DOMException('user gesture needed', 'NotAllowedError');
    this.playing = true;
    this.emit({ type: 'playing' });
  };

  pause = () => {
    if (!this.playing) return;
    this.playing = false;
    this.emit({ type: 'paused' });
  };

  seek = (positionMs: number) => {
    this.seeks.push(positionMs);
  };

  setVolume = (volume: number) => {
    this.volume = volume;
  };

  unload = () => {
    this.playing = false;
  };

  subscribe = (listener: (event: EngineEvent) => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy = () => {
    this.destroyed = true;
    this.listeners.clear();
  };

  emit(event: EngineEvent): void {
    this.listeners.forEach((listener) => listener(event));
  }
}

/** Lets pending promise callbacks (a stream link answer, a load) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
