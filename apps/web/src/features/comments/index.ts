export { TrackComments } from './TrackComments';
export { WaveformMarkers } from './WaveformMarkers';
export { commentKeys } from './comments.keys';
