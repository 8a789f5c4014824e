import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import type { Api } from '../../src/http/route';
import { connect, createDatabase } from './test-database';
import { TEST_PASSWORD } from './test-constants';

export interface TestApp {
  app: Express;
  api: Api;
  dataSource: DataSource;
  config: Config;
  /** Logs a demo user in and answers its bearer token. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The real app on its own cloned database. Call in beforeAll; close() in afterAll. */
export async function startTestApp(env: Record<string, string> = {}, database?: { url: string }): Promise<TestApp> {
  const db = database ? undefined : await createDatabase();
  const url = database?.url ?? db!.url;
  const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'test', LOGIN_RATE_LIMIT_MAX: '1000', ...env });
  const dataSource = await connect(url);
  const { app, api, close: closeApp } = createApp({ config, dataSource, logger: pino({ level: 'silent' }) });
  const tokens = new Map<string, string>();
  return {
    app,
    api,
    dataSource,
    config,
    async login(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await request(app).post('/api/auth/login').send({ username, password: TEST_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      tokens.set(username, res.body.token);
      return res.body.token;
    },
    async close() {
      await closeApp();
      await dataSource.destroy();
      await db?.drop();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
