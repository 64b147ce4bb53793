export { profileRoutes } from './profile.routes';
export { usePublicProfile } from './profile.hooks';
