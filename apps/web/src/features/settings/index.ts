export { settingsRoutes } from './settings.routes';
export { settingsNav } from './settings.nav';
