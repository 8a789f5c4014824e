import request from 'supertest';
import { addRecipient, createConsultation } from '../support/factories';
import { multipart, type FilePart } from '../support/upload-fixtures';
import type { TestApp } from '../support/test-app';

type Auth = Record<string, string>;

/** Södermalm's response on a fresh open remiss, its draft begun by `auth` unless `started` is false. */
export async function sodermalmDraft(t: TestApp, auth: Auth, started = true): Promise<string> {
  const remiss = await createConsultation(t.dataSource, { status: 'open', sentDate: '2026-10-01', dueDate: '2099-01-01' });
  const { response } = await addRecipient(t.dataSource, remiss.id, 'sdn-sodermalm', { sentAt: new Date('2026-10-01T08:00:00Z') });
  if (started) {
    const begun = await request(t.app).post(`/api/responses/${response.id}/transitions`).set(auth).send({ action: 'start' });
    if (begun.status !== 200) throw new Error(`start: ${begun.status} ${JSON.stringify(begun.body)}`);
  }
  return response.id;
}

/** POST /api/responses/{id}/imports with one file, as multipart. */
export function uploadImport(t: TestApp, responseId: string, file: FilePart, auth: Auth) {
  const { body, contentType } = multipart(file);
  return request(t.app).post(`/api/responses/${responseId}/imports`).set(auth).set('content-type', contentType).send(body);
}
