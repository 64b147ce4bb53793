export { feedRoutes } from './feed.routes';
export { feedKeys } from './feed.keys';
export { feedNav } from './feed.nav';
