export { authRoutes } from './auth.routes';
export { authKeys } from './auth.keys';
export { ME_KEY, safeNext, useAuth, useLogout, useSessionStatus } from './auth.hooks';
export type { AuthState } from './auth.hooks';
export { RequireAuth } from './RequireAuth';
export { VerifyEmailBanner } from './VerifyEmailBanner';
export { SessionEndedBanner } from './SessionEndedBanner';
export { PASSWORD_RULE, checkDisplayName, checkNewPassword, collect } from './auth.validation';
export { NewPasswordFields } from './NewPasswordFields';
