import { BadRequest, Conflict, NotFound, PayloadTooLarge } from '@/platform/http/errors';

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

export class InvalidAvatar extends BadRequest {
  constructor(detail = 'Upload a PNG, JPEG, WebP or GIF image.') {
    super('INVALID_AVATAR', 'Invalid avatar', detail);
  }
}
