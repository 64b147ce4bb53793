export { discoverRoutes } from './discover.routes';
export { discoverNav } from './discover.nav';
export { discoverKeys } from './discover.keys';
