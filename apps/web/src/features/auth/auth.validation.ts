import type { FieldErrors } from '@/api';

export const USERNAME_RULE = '3–30 characters: letters, numbers and underscores.';
export const PASSWORD_RULE = 'At least 10 characters. A passphrase works well.';
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const USERNAME = /^[a-zA-Z0-9_]{3,30}$/;

export function checkEmail(email: string): string | undefined {
  if (!email.trim()) return 'Enter your e-mail address.';
  if (!EMAIL.test(email.trim())) return 'Enter an e-mail address like name@example.com.';
  return undefined;
}

export function checkUsername(username: string): string | undefined {
  if (!username) return 'Choose a username.';
  if (!USERNAME.test(username)) return `Usernames are ${USERNAME_RULE.toLowerCase()}`;
  return undefined;
}

export function checkNewPassword(password: string): string | undefined {
  if (!password) return 'Choose a password.';
  if (password.length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (password.length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters.`;
  return undefined;
}

/** Drops the keys whose check passed. */
export function collect(checks: Record<string, string | undefined>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, message] of Object.entries(checks)) if (message) errors[key] = message;
  return errors;
}

/** The server's limit on display names (users.schemas.ts). */
export const DISPLAY_NAME_MAX = 60;

export function checkDisplayName(displayName: string): string | undefined {
  return displayName.trim().length > DISPLAY_NAME_MAX ? `Keep it to ${DISPLAY_NAME_MAX} characters.` : undefined;
}
