export { PlayerProvider } from './PlayerProvider';
export { PlayerBar } from './PlayerBar';
export { usePlayer, usePlayerState } from './player.context';
export { Scrubber } from './Scrubber';
export { Waveform } from './Waveform';
export { Icon } from './icons';
export type { PlayableTrack, PlayerState, PlaybackStatus } from './player.store';
export type { AudioEngine, EngineEvent } from './audio-engine';
