export { profileRoutes } from './profile.routes';
export { usePublicProfile } from './profile.hooks';
export { profileKeys } from './profile.keys';
export { profileNav } from './profile.nav';
