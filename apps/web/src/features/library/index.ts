export { libraryRoutes } from './library.routes';
export { libraryNav } from './library.nav';
export { libraryKeys } from './library.keys';
export { AddToPlaylistButton } from './AddToPlaylistButton';
export { useRecentlyPlayed } from './library.hooks';
