import type { paths } from '@/api/schema';

export type NotificationPage =
  paths['/api/v1/me/notifications']['get']['responses'][200]['content']['application/json'];
export type Notification = NotificationPage['items'][number];
