import { z } from 'zod';
import { userSchema } from '../users/users.schemas';

export const loginBody = z
  .strictObject({
    username: z.string().trim().min(1, 'is required').max(80),
    password: z.string().min(1, 'is required').max(200),
  })
  .openapi('Login');

export const loginResponse = z
  .object({ token: z.string(), expiresAt: z.string(), user: userSchema })
  .openapi('LoginResult');

export const meResponse = z.object({ user: userSchema }).openapi('Me');

export const passwordChangeBody = z
  .strictObject({
    currentPassword: z.string().min(1, 'is required').max(200),
    newPassword: z.string().min(10, 'must be at least 10 characters').max(200),
  })
  .openapi('PasswordChange');

export const sessionResponse = z.object({ expiresAt: z.string() }).openapi('SessionExtended');
