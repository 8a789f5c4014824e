import type { Express } from 'express';
import { Client } from 'pg';
import pino from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createApp, type App } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import type { Api } from '../../src/http/route';
import type { DeliveryNotifier } from '../../src/deliveries/delivery-queue';
import type { DocumentRenderer } from '../../src/documents/document-renderer';
import { recordAnswers, type Answer } from './openapi-contract';
import { connect, createDatabase } from './test-database';
import { TEST_PASSWORD } from './test-constants';

export interface TestApp {
  /** With a recorder in front that checks every answer against /openapi.json (openapi-contract.ts). */
  app: Express;
  api: Api;
  pageRoutes: App['pageRoutes'];
  /** The app's PDF worker pool and templates (background jobs render with it). */
  renderer: DocumentRenderer;
  /** Told when the app queued remissbrev e-mails. */
  deliveries: DeliveryNotifier;
  dataSource: DataSource;
  config: Config;
  /** Runs SQL as the owner of the schema (what the app's role may not: ANALYZE, DDL). */
  ownerQuery(sql: string, parameters?: unknown[]): Promise<unknown[]>;
  /** Every answer so far, and what in them the OpenAPI document does not say: close() fails on any. */
  answers: Answer[];
  contractViolations: string[];
  /** Logs a demo user in and answers its bearer token. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The real app on its own cloned database. Call in beforeAll; close() in afterAll. */
export async function startTestApp(env: Record<string, string> = {}, database?: { url: string; ownerUrl?: string }): Promise<TestApp> {
  const db = database ? undefined : await createDatabase();
  const url = database?.url ?? db!.url;
  const ownerUrl = database ? database.ownerUrl : db!.ownerUrl;
  const config = loadConfig({ DATABASE_URL: url, NODE_ENV: 'test', LOGIN_RATE_LIMIT_MAX: '1000', ...env });
  const dataSource = await connect(url);
  const { app, api, pageRoutes, renderer, deliveries, close: closeApp } = createApp({ config, dataSource, logger: pino({ level: 'silent' }) });
  const { violations, answers } = recordAnswers(app, () => api.document() as never);
  const tokens = new Map<string, string>();
  return {
    app,
    api,
    pageRoutes,
    renderer,
    deliveries,
    dataSource,
    config,
    async ownerQuery(sql, parameters) {
      if (!ownerUrl) throw new Error('startTestApp was given no owner URL');
      const client = new Client({ connectionString: ownerUrl });
      await client.connect();
      try {
        return (await client.query(sql, parameters)).rows;
      } finally {
        await client.end();
      }
    },
    answers,
    contractViolations: violations,
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
      const distinct = [...new Set(violations)];
      if (distinct.length) throw new Error(`Answers the OpenAPI document does not describe:\n${distinct.slice(0, 50).join('\n')}`);
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
