import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { loginRateLimiters } from '../auth/auth.routes';
import type { AuthService } from '../auth/auth.service';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie';
import type { Config } from '../config';
import { HttpProblem } from '../http/problem';
import { FormRejection } from './form-errors';
import { registerNotices, withNotice } from './notices';
import type { FormState, PageInput, Pages } from './pages';
import { NotificationSettingsService } from '../notifications/notification-settings.service';

/** Only a path on this site: `/remisser/1?x=y`, never `//evil.example` or `https://…`. */
export function localPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\r\n]/.test(value)) return '/';
  return value.slice(0, 2000);
}

const WRONG = 'Fel användarnamn eller lösenord.';

const loginFields = z.object({
  username: z.string().trim().min(1, 'Fyll i ditt användarnamn.').max(80, WRONG),
  password: z.string().min(1, 'Fyll i ditt lösenord.').max(200, WRONG),
  till: z.string().optional(),
});

const passwordFields = z
  .object({
    currentPassword: z.string().min(1, 'Fyll i ditt nuvarande lösenord.'),
    newPassword: z.string().min(10, 'Det nya lösenordet måste ha minst 10 tecken.').max(200, 'Det nya lösenordet får ha högst 200 tecken.'),
    repeatPassword: z.string(),
  })
  .refine((fields) => fields.newPassword === fields.repeatPassword, { path: ['repeatPassword'], message: 'Lösenorden är inte lika. Skriv samma nya lösenord två gånger.' });

registerNotices({
  utloggad: 'Du är utloggad.',
  'epost-pa': 'Du får e-post när det är din tur.',
  'epost-av': 'Du får ingen e-post om din tur. Startsidan visar fortfarande vad som väntar på dig.',
});

const EMAIL_OPTIONS = [
  { value: 'ja', text: 'Ja, skicka e-post när det är min tur' },
  { value: 'nej', text: 'Nej, ingen e-post' },
];

/** Logging in and out, Mitt konto, and extending the session: the same sessions as the API. */
export function registerSessionPages(pages: Pages, deps: { auth: AuthService; config: Config; dataSource: DataSource }): void {
  const { auth, config } = deps;
  const tooMany = (req: Request, res: Response, next: NextFunction) =>
    void pages.render(req, res, {
      view: 'web/login',
      title: 'Logga in',
      status: 429,
      data: { values: { username: req.body?.username, till: req.body?.till }, errors: [{ message: 'För många misslyckade inloggningar. Vänta en stund och försök sedan igen.' }] },
    }).catch(next);

  pages.form({
    path: '/logga-in',
    access: 'public',
    fields: loginFields,
    before: loginRateLimiters(config, deps.dataSource, tooMany),
    async show({ query }, state) {
      return {
        view: 'web/login',
        title: 'Logga in',
        data: {
          values: { till: localPath(query.till), ...state.values, password: '' },
          errors: state.errors,
          expired: query.utloggad === '1',
        },
      };
    },
    async save({ context, res }, fields) {
      try {
        const result = await auth.login(fields.username, fields.password, context);
        setSessionCookie(res, result.token, result.expiresAt, config);
      } catch (error) {
        if (error instanceof HttpProblem && error.status === 401) throw new FormRejection([{ field: 'username', message: WRONG }], 401);
        throw error;
      }
      return localPath(fields.till);
    },
  });

  pages.form({
    path: '/logga-ut',
    access: 'user',
    fields: z.object({}),
    async show() {
      return { view: 'web/logout', title: 'Logga ut', data: {} };
    },
    async save({ context, res }) {
      await auth.logout(context);
      clearSessionCookie(res, config);
      return withNotice('/logga-in', 'utloggad');
    },
  });

  const notifications = new NotificationSettingsService(deps.dataSource);
  const accountPage = async ({ actor }: PageInput, state: FormState) => {
    const { email } = await notifications.get(actor.userId);
    return {
      view: 'web/account',
      title: 'Mitt konto',
      breadcrumbs: [{ href: '/', text: 'Start' }, { text: 'Mitt konto' }],
      data: { account: { name: actor.name, username: actor.username }, emailOptions: EMAIL_OPTIONS, errors: state.errors, values: { epost: email ? 'ja' : 'nej' } },
    };
  };

  pages.form({
    path: '/mitt-konto',
    access: 'user',
    fields: passwordFields,
    show: accountPage,
    async save({ context }, fields) {
      if (!(await auth.changeOwnPassword(context, fields.currentPassword, fields.newPassword))) {
        throw new FormRejection([{ field: 'currentPassword', message: 'Det nuvarande lösenordet stämmer inte.' }]);
      }
      return withNotice('/mitt-konto', 'losenord');
    },
  });

  // The same choice as PUT /api/auth/me/notifications.
  pages.form({
    path: '/mitt-konto/aviseringar',
    access: 'user',
    fields: z.object({ epost: z.enum(['ja', 'nej'], { error: () => 'Välj om du vill få e-post.' }) }),
    show: accountPage,
    async save({ context }, fields) {
      await notifications.set(fields.epost === 'ja', context);
      return withNotice('/mitt-konto', fields.epost === 'ja' ? 'epost-pa' : 'epost-av');
    },
  });

  // The warning before the session ends posts here: with JavaScript as fetch (JSON back), without as a form.
  pages.form({
    path: '/sessionen/forlang',
    access: 'user',
    fields: z.object({ till: z.string().optional() }),
    async show() {
      return { view: 'web/extend-session', title: 'Fortsätt vara inloggad', data: {} };
    },
    async save({ context, req, res }, fields) {
      const expiresAt = await auth.extend(context);
      setSessionCookie(res, req.cookieSessionToken!, expiresAt, config);
      if (req.accepts(['html', 'json']) === 'json') {
        res.status(200).json({ expiresAt: expiresAt.toISOString() });
        return '';
      }
      return localPath(fields.till);
    },
  });
}
