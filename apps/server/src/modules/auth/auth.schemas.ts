import { Type, type Static } from '@sinclair/typebox';
import { Me, USERNAME_PATTERN } from '@/modules/users/users.schemas';

const Password = Type.String({ minLength: 10, maxLength: 128, description: '10 to 128 characters' });
const Email = Type.String({ format: 'email', maxLength: 254 });
const EmailedToken = Type.String({ minLength: 16, maxLength: 128 });

export const Signup = Type.Object(
  {
    email: Email,
    username: Type.String({ pattern: USERNAME_PATTERN, description: '3 to 30 letters, digits or _' }),
    password: Password,
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  },
  { additionalProperties: false },
);
export type Signup = Static<typeof Signup>;

export const Login = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'E-mail or username' }),
    password: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);

export const TokenBody = Type.Object({ token: EmailedToken }, { additionalProperties: false });
export const ForgotPassword = Type.Object({ email: Email }, { additionalProperties: false });
export const ResetPassword = Type.Object({ token: EmailedToken, password: Password }, { additionalProperties: false });
export const ChangePassword = Type.Object(
  { currentPassword: Type.String({ minLength: 1, maxLength: 128 }), newPassword: Password },
  { additionalProperties: false },
);
export const Empty = Type.Object({}, { additionalProperties: false });
export const NoContent = Type.Null({ description: 'No content' });

export const SessionResponse = Type.Object({
  accessToken: Type.String(),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
  user: Me,
});
export const SignupResponse = Type.Object({ user: Me });
export const Accepted = Type.Object({ message: Type.String() });
export const Verified = Type.Object({
  verified: Type.Literal(true),
  alreadyVerified: Type.Boolean({ description: 'The link was used before and the address is verified' }),
});
export const ResetTokenValid = Type.Object({ valid: Type.Literal(true) });
