import { Conflict, NotFound, PayloadTooLarge, UnsupportedMediaType } from '@/platform/http/errors';

export class UserNotFound extends NotFound {
  constructor() {
    super('USER_NOT_FOUND', 'User not found', 'No one here by that name.');
  }
}

export class AccountTaken extends Conflict {
  constructor(fields: ('email' | 'username')[]) {
    super(
      'ACCOUNT_TAKEN',
      'Account already exists',
      'That e-mail or username is already in use.',
      fields.map((f) => ({
        path: `body/${f}`,
        message: `This ${f === 'email' ? 'e-mail' : 'username'} is already taken`,
      })),
    );
  }
}

export class AvatarTooLarge extends PayloadTooLarge {
  constructor(maxBytes: number) {
    super(`Avatars are limited to ${Math.round(maxBytes / 1024 / 1024)} MiB.`);
  }
}

/** Told by the bytes, whatever the name or declared type: anything but JPEG, PNG and WebP. */
export class InvalidAvatar extends UnsupportedMediaType {
  constructor(detail = 'Upload a PNG, JPEG or WebP image.') {
    super(detail, 'INVALID_AVATAR', 'Invalid avatar');
  }
}
