import { BadRequest, Forbidden, Unauthorized } from '@/platform/http/errors';

export class InvalidCredentials extends Unauthorized {
  constructor() {
    super('INVALID_CREDENTIALS', 'Invalid credentials', 'The login or password is wrong.');
  }
}

export class InvalidSession extends Unauthorized {
  constructor(detail = 'Your session has ended. Log in again.') {
    super('INVALID_SESSION', 'Session expired', detail);
  }
}

export class SessionExpired extends Unauthorized {
  constructor() {
    super('SESSION_EXPIRED', 'Session expired', 'This login reached its maximum age and has ended. Log in again.');
  }
}

export class CsrfRejected extends Forbidden {
  constructor(detail = 'Missing or invalid CSRF token (send the veza_csrf cookie value in X-CSRF-Token).') {
    super('CSRF_REJECTED', 'CSRF check failed', detail);
  }
}

export class InvalidEmailToken extends BadRequest {
  constructor() {
    super(
      'INVALID_TOKEN',
      'Invalid or expired link',
      'This link is invalid, expired or already used. Ask for a new one.',
    );
  }
}

export class WrongPassword extends BadRequest {
  constructor() {
    super('WRONG_PASSWORD', 'Wrong password', 'The current password is wrong.', [
      { path: 'body/currentPassword', message: 'Wrong password' },
    ]);
  }
}
