export { tracksRoutes } from './tracks.routes';
export { LatestTracks } from './LatestTracks';
export { TrackList } from './TrackList';
export { trackFieldInputs } from './TrackFieldInputs';
export { MY_TRACKS_KEY } from './tracks.cache';
export { trackKeys } from './tracks.keys';
export { checkCover, checkTrackFields, parseTags, titleFromFilename, type TrackFieldValues } from './track-fields';
export { tracksNav } from './tracks.nav';
