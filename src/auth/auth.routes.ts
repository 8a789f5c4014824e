import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { anyUser, publicRoute } from '../authz/policy';
import { sendProblem } from '../http/error-handler';
import { badRequest, HttpProblem } from '../http/problem';
import type { Api } from '../http/route';
import { presentUser } from '../users/user.presenter';
import { UsersService } from '../users/users.service';
import { loginBody, loginResponse, meResponse, passwordChangeBody, sessionResponse } from './auth.schemas';
import type { AuthService } from './auth.service';
import { LoginAttemptsStore } from './login-attempts-store';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

/**
 * Failed logins are counted per client address and username (guessing one account's password)
 * and per address alone (trying a few passwords on many accounts), in the database so every app
 * process counts together.
 */
export function loginRateLimiters(config: Config, dataSource: DataSource, onLimited: (req: Request, res: Response, next: NextFunction) => void): RequestHandler[] {
  const address = (req: Request) => ipKeyGenerator(req.ip ?? '');
  const limiter = (limit: number, key: (req: Request) => string) =>
    rateLimit({
      store: new LoginAttemptsStore(dataSource),
      windowMs: config.loginRateLimit.windowSeconds * 1000,
      limit,
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: key,
      handler: (req, res, next) => {
        res.setHeader('Retry-After', String(config.loginRateLimit.windowSeconds));
        onLimited(req, res, next);
      },
    });
  return [
    limiter(config.loginRateLimit.addressMax, (req) => `address|${address(req)}`),
    limiter(config.loginRateLimit.max, (req) => `${address(req)}|${String(req.body?.username ?? '').trim().toLowerCase().slice(0, 80)}`),
  ];
}

export function registerAuthRoutes(api: Api, deps: { dataSource: DataSource; auth: AuthService; config: Config }): void {
  const { auth, config } = deps;
  const users = new UsersService(deps.dataSource);
  const tooMany = (req: Request, res: Response) => sendProblem(req, res, new HttpProblem(429, 'Too many failed logins. Wait a while before trying again.'));

  api.add({
    method: 'post',
    path: '/api/auth/login',
    tag: 'Auth',
    summary: 'Log in; answers an opaque session token and sets the session cookie',
    policy: publicRoute('logging in is how a session starts'),
    before: loginRateLimiters(config, deps.dataSource, tooMany),
    body: loginBody,
    response: loginResponse,
    errors: [401, 429],
    handler: async ({ body, context, res }) => {
      const result = await auth.login(body.username, body.password, context);
      setSessionCookie(res, result.token, result.expiresAt, config);
      res.setHeader('Cache-Control', 'no-store');
      return { token: result.token, expiresAt: result.expiresAt.toISOString(), user: presentUser(result.user) };
    },
  });

  api.add({
    method: 'post',
    path: '/api/auth/logout',
    tag: 'Auth',
    summary: 'Revoke the current session',
    policy: anyUser(),
    handler: async ({ context, res }) => {
      await auth.logout(context);
      clearSessionCookie(res, config);
    },
  });

  api.add({
    method: 'post',
    path: '/api/auth/password',
    tag: 'Auth',
    summary: "Change one's own password (the current one confirms it); every other session of the user ends",
    policy: anyUser(),
    body: passwordChangeBody,
    errors: [400],
    handler: async ({ body, context }) => {
      if (!(await auth.changeOwnPassword(context, body.currentPassword, body.newPassword))) {
        throw badRequest('The current password is wrong.', [{ path: 'body.currentPassword', message: 'does not match the current password' }]);
      }
    },
  });

  api.add({
    method: 'post',
    path: '/api/auth/session',
    tag: 'Auth',
    summary: 'Extend the current session by its whole lifetime from now (the pages offer it before it ends)',
    policy: anyUser(),
    response: sessionResponse,
    handler: async ({ context, req, res }) => {
      const expiresAt = await auth.extend(context);
      if (req.cookieSessionToken && !req.get('authorization')) setSessionCookie(res, req.cookieSessionToken, expiresAt, config);
      return { expiresAt: expiresAt.toISOString() };
    },
  });

  api.add({
    method: 'get',
    path: '/api/auth/me',
    tag: 'Auth',
    summary: 'The logged-in user',
    policy: anyUser(),
    response: meResponse,
    handler: async ({ context }) => {
      return { user: presentUser(await users.get(context.actor!.userId)) };
    },
  });
}
