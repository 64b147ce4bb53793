import { ApiError } from '@/api';
import type { EngineEvent } from './audio-engine';

type EngineErrorKind = Extract<EngineEvent, { type: 'error' }>['kind'];

/** What the listener reads in the bar when playback stops, by what stopped it. */
const ENGINE_ERRORS: Record<EngineErrorKind, string> = {
  expired: 'Playback stopped: the stream link could not be renewed. Press play to try again.',
  network: 'Playback stopped: the connection to Veza was lost. Press play to try again.',
  media: "This track couldn't be decoded.",
  unsupported: "This browser can't play Veza's streams. Try an up-to-date Chrome, Firefox, Edge or Safari.",
};

export function engineErrorMessage(kind: EngineErrorKind): string {
  return ENGINE_ERRORS[kind];
}

/** Why a track could not start: the stream link's answer, in words. */
export function loadErrorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 404) return "This track isn't available any more.";
    if (err.status === 409) return 'This track is still processing. Try again in a moment.';
  }
  return "Couldn't start playback. Check your connection and press play to try again.";
}
