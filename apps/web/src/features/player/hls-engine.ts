import type { default as Hls, ErrorData } from 'hls.js';
import type { AudioEngine, EngineEvent } from './audio-engine';

const HLS_MIME = 'application/vnd.apple.mpegurl';

// hls.js is a large library used only once something plays: it loads then, in its own chunk.
let hlsModule: Promise<{ default: typeof Hls }> | undefined;
const loadHls = () => (hlsModule ??= import('hls.js'));

/**
 * The browser side of the player: one <audio> element for the whole session,
 * fed by hls.js through Media Source Extensions, or natively where only the
 * browser itself can play HLS (iOS Safari has no MSE).
 */
export function createHlsEngine(audio: HTMLAudioElement = document.createElement('audio')): AudioEngine {
  const listeners = new Set<(event: EngineEvent) => void>();
  const emit = (event: EngineEvent) => listeners.forEach((listener) => listener(event));
  let hls: Hls | null = null;
  let loadId = 0;
  let recoveredMedia = false;
  audio.preload = 'auto';

  const on = <K extends keyof HTMLMediaElementEventMap>(name: K, handler: () => void) =>
    audio.addEventListener(name, handler);
  on('timeupdate', () => emit({ type: 'time', positionMs: audio.currentTime * 1000 }));
  on('durationchange', () => {
    if (Number.isFinite(audio.duration)) emit({ type: 'duration', durationMs: audio.duration * 1000 });
  });
  on('playing', () => emit({ type: 'playing' }));
  on('pause', () => emit({ type: 'paused' }));
  on('waiting', () => emit({ type: 'waiting' }));
  on('ended', () => emit({ type: 'ended' }));
  on('error', () => {
    // With hls.js attached, its own error events say more; this is for native playback.
    if (hls || !audio.error || !audio.getAttribute('src')) return;
    const network = audio.error.code === MediaError.MEDIA_ERR_NETWORK;
    emit({ type: 'error', kind: network ? 'network' : 'media', message: audio.error.message || 'Playback failed' });
  });

  function detach(): void {
    if (!hls && !audio.hasAttribute('src')) return;
    hls?.destroy();
    hls = null;
    audio.removeAttribute('src');
    audio.load(); // drops what the element buffered for the old source
  }

  function stop(): void {
    if (!audio.paused) audio.pause();
    detach();
  }

  function onHlsError(data: ErrorData, HlsClass: typeof Hls): void {
    if (!data.fatal || !hls) return;
    if (data.type === HlsClass.ErrorTypes.MEDIA_ERROR && !recoveredMedia) {
      // One decoder hiccup is recoverable in place; a second one is not worth looping on.
      recoveredMedia = true;
      hls.recoverMediaError();
      return;
    }
    const status = data.response?.code;
    if (data.type === HlsClass.ErrorTypes.NETWORK_ERROR) {
      emit({ type: 'error', kind: status === 403 ? 'expired' : 'network', message: data.details });
    } else {
      emit({ type: 'error', kind: 'media', message: data.details });
    }
  }

  return {
    async load(url, startMs) {
      const id = ++loadId;
      detach();
      recoveredMedia = false;
      const { default: HlsClass } = await loadHls();
      if (id !== loadId) return; // a newer load won
      if (HlsClass.isSupported()) {
        // No worker: the CSP allows no blob: workers, and demuxing audio is light work.
        const instance = new HlsClass({ enableWorker: false, startPosition: startMs / 1000 });
        hls = instance;
        instance.on(HlsClass.Events.ERROR, (_event, data) => onHlsError(data, HlsClass));
        // play() needs the element to have its MediaSource; until then it would reject.
        const attached = new Promise<void>((resolve) => {
          instance.once(HlsClass.Events.MEDIA_ATTACHED, () => resolve());
          instance.once(HlsClass.Events.DESTROYING, () => resolve());
        });
        instance.attachMedia(audio);
        instance.loadSource(url);
        await attached;
        return;
      }
      if (audio.canPlayType(HLS_MIME)) {
        audio.src = url;
        if (startMs > 0) {
          audio.addEventListener('loadedmetadata', () => (audio.currentTime = startMs / 1000), { once: true });
        }
        return;
      }
      emit({ type: 'error', kind: 'unsupported', message: 'This browser cannot play HLS audio.' });
      throw new Error('HLS is not supported in this browser');
    },
    play: () => audio.play(),
    pause: () => audio.pause(),
    seek(positionMs) {
      audio.currentTime = Math.max(0, positionMs / 1000);
    },
    setVolume(volume) {
      audio.volume = Math.max(0, Math.min(1, volume));
    },
    unload() {
      loadId++;
      stop();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      loadId++;
      stop();
      listeners.clear();
    },
  };
}
