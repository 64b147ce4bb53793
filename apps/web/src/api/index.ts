export { createApi, readBrowserCookie, CSRF_COOKIE } from './client';
export type {
  Api,
  ApiClient,
  Me,
  PublicProfile,
  ProfileLink,
  Role,
  SessionBody,
  SessionSnapshot,
  SessionStatus,
  Track,
  TrackDetail,
  TrackPage,
  TrackStatus,
  Visibility,
} from './client';
export { ApiError, apiErrorFrom, describeError, fieldKey, unwrap } from './problem';
export type { FieldErrors, Problem } from './problem';
export { ApiContext, useApi } from './api.context';
export { followEventStream, jitteredBackoff, type StreamState } from './follow-event-stream';
