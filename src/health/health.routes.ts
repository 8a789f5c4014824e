import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { publicRoute } from '../authz/policy';
import { unavailable } from '../http/problem';
import type { Api } from '../http/route';

const READY_TIMEOUT_MS = 2_000;

export function registerHealthRoutes(api: Api, dataSource: DataSource): void {
  api.add({
    method: 'get',
    path: '/health',
    tag: 'Operations',
    summary: 'Liveness: the process answers',
    policy: publicRoute('load balancers and orchestrators probe it without credentials'),
    response: z.object({ status: z.literal('ok') }),
    handler: async () => ({ status: 'ok' as const }),
  });

  api.add({
    method: 'get',
    path: '/ready',
    tag: 'Operations',
    summary: 'Readiness: the database answers (503 when it does not)',
    policy: publicRoute('load balancers probe it without credentials'),
    response: z.object({ status: z.literal('ready') }),
    errors: [503],
    handler: async () => {
      if (!(await databaseAnswers(dataSource))) throw unavailable();
      return { status: 'ready' as const };
    },
  });
}

async function databaseAnswers(dataSource: DataSource): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS)));
  try {
    return await Promise.race([dataSource.query('SELECT 1').then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
