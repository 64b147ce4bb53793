export { notificationsRoutes } from './notifications.routes';
export { notificationKeys } from './notifications.keys';
export { notificationsNav } from './notifications.nav';
export { NotificationBell } from './NotificationBell';
