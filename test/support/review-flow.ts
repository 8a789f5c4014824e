import request from 'supertest';
import type { Express } from 'express';

type Auth = Record<string, string>;

const paragraph = (text: string) => [{ type: 'paragraph', content: [{ text }] }];

/**
 * Takes a started response's statement to where it may go to review: every section holds text
 * (the required ones must), the overall stance is set. Answers the section keys in order.
 */
export async function fillStatement(app: Express, responseId: string, auth: Auth, text = (heading: string) => `Förvaltningens text om ${heading.toLowerCase()}.`): Promise<string[]> {
  const current = await request(app).get(`/api/responses/${responseId}/statement`).set(auth);
  if (current.status !== 200) throw new Error(`statement: ${current.status} ${JSON.stringify(current.body)}`);
  const { header, signatories, enclosures, sections } = current.body as { header: unknown; signatories: unknown; enclosures: unknown; sections: Array<{ key: string; heading: string; stance: string | null }> };
  const filled = sections.map(({ key, heading, stance }) => ({ key, heading, stance, body: paragraph(text(heading)) }));
  const saved = await request(app).put(`/api/responses/${responseId}/statement`).set(auth).set('If-Match', current.headers.etag).send({ header, signatories, enclosures, stance: 'tillstyrker', sections: filled });
  if (saved.status !== 200) throw new Error(`fill statement: ${saved.status} ${JSON.stringify(saved.body)}`);
  return sections.map((s) => s.key);
}

/** start (when not started), fillStatement, submit_for_review: the response is in review. */
export async function sendToReview(app: Express, responseId: string, auth: Auth): Promise<string[]> {
  const transition = (action: string) => request(app).post(`/api/responses/${responseId}/transitions`).set(auth).send({ action });
  const current = await request(app).get(`/api/responses/${responseId}`).set(auth);
  if (current.body.status === 'not_started') expect200(await transition('start'), 'start');
  const keys = await fillStatement(app, responseId, auth);
  expect200(await transition('submit_for_review'), 'submit_for_review');
  return keys;
}

function expect200(res: request.Response, what: string): void {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}
