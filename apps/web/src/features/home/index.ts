export { homeRoutes } from './home.routes';
export { homeNav } from './home.nav';
