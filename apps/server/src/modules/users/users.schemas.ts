import { Type, type Static } from '@sinclair/typebox';

export const USERNAME_PATTERN = '^[A-Za-z0-9_]{3,30}$';

export const Role = Type.Union([
  Type.Literal('listener'),
  Type.Literal('artist'),
  Type.Literal('moderator'),
  Type.Literal('admin'),
]);

export const ProfileLink = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 40 }),
    url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const PublicProfile = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.Union([Type.String(), Type.Null()]),
  bio: Type.Union([Type.String(), Type.Null()]),
  links: Type.Array(ProfileLink),
  avatarUrl: Type.Union([Type.String(), Type.Null()]),
  role: Role,
  followerCount: Type.Integer({ minimum: 0 }),
  followingCount: Type.Integer({ minimum: 0 }),
  /** Whether anyone may list the tracks this user liked (GET /users/{username}/likes). */
  likesPublic: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type PublicProfile = Static<typeof PublicProfile>;

export const Me = Type.Object({
  ...PublicProfile.properties,
  email: Type.String({ format: 'email' }),
  emailVerified: Type.Boolean(),
});
export type Me = Static<typeof Me>;

export const UpdateProfile = Type.Object(
  {
    displayName: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 60 }), Type.Null()])),
    bio: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
    links: Type.Optional(Type.Array(ProfileLink, { maxItems: 5 })),
    likesPublic: Type.Optional(Type.Boolean({ description: 'Show the tracks you liked on your profile' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProfile = Static<typeof UpdateProfile>;

export const UsernameParams = Type.Object(
  { username: Type.String({ pattern: USERNAME_PATTERN }) },
  { additionalProperties: false },
);
