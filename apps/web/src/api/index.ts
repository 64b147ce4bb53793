export { createApi, readBrowserCookie, CSRF_COOKIE } from './client';
export type { Api, ApiClient, Me, PublicProfile, ProfileLink, SessionBody, SessionStatus } from './client';
export { ApiError, describeError, fieldKey, unwrap } from './problem';
export type { FieldErrors, Problem } from './problem';
export { ApiContext, useApi } from './api.context';
