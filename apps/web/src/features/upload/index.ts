export { uploadRoutes } from './upload.routes';
export type { UploadTrack, UploadFields, UploadProgress } from './upload.transport';
export { uploadNav } from './upload.nav';
