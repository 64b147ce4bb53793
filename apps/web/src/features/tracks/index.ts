export { tracksRoutes } from './tracks.routes';
export { LatestTracks } from './LatestTracks';
export { MY_TRACKS_KEY } from './tracks.cache';
export {
  VISIBILITIES,
  checkCover,
  checkTrackFields,
  parseTags,
  titleFromFilename,
  DESCRIPTION_MAX,
  type TrackFieldValues,
} from './track-fields';
