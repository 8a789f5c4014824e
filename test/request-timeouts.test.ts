import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { createHttpServer } from '../src/http/request-timeouts';
import { createConsultation } from './support/factories';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let server: Server;
let port: number;

beforeAll(async () => {
  t = await startTestApp({ HEADERS_TIMEOUT_MS: '600', BODY_TIMEOUT_MS: '600', UPLOAD_TIMEOUT_MS: '1500' });
  server = createHttpServer(t.app, t.config.requestTimeouts);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  // The first answer builds the OpenAPI document the suite checks answers against (seconds of
  // work on a busy machine, on this event loop): done here, not inside the first timed request.
  expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

interface Dribbled {
  response: string;
  /** When the server closed the connection, in ms after the head was sent. */
  closedAfterMs: number;
  bytesDribbled: number;
}

/**
 * Sends `head` at once, then `dribble` one byte every 100 ms until the server closes the
 * connection (or 30 s pass). The bytes sent say when, in the client's own time, the server cut it:
 * fewer than all of them means it did not wait for the rest. Milliseconds say it did not cut
 * before its limit; they cannot say how soon after, on a machine busy enough to hold this event
 * loop (the server's and the client's) for seconds.
 */
function dribble(head: string, dribble: string): Promise<Dribbled> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let sent = 0;
    let started = 0;
    let ticker: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after 30 s; received: ${Buffer.concat(chunks).toString()}`));
    }, 30_000);
    socket.on('connect', () => {
      started = Date.now();
      socket.write(head);
      ticker = setInterval(() => {
        if (sent < dribble.length && socket.writable) socket.write(dribble[sent++]);
      }, 100);
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined); // a reset after the answer is still a cut
    socket.on('close', () => {
      clearInterval(ticker);
      clearTimeout(giveUp);
      resolve({ response: Buffer.concat(chunks).toString(), closedAfterMs: Date.now() - started, bytesDribbled: sent });
    });
  });
}

describe('slow clients are cut off (HEADERS_TIMEOUT_MS, BODY_TIMEOUT_MS, UPLOAD_TIMEOUT_MS)', () => {
  it('a JSON body dribbled a byte at a time gets 408 problem+json and the connection closed after BODY_TIMEOUT_MS', async () => {
    const body = JSON.stringify({ username: 'admin', password: 'x'.repeat(200) });
    const result = await dribble(`POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`, body);
    expect(result.response).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.response).toMatch(/content-type: application\/problem\+json/i);
    expect(result.response).toMatch(/connection: close/i);
    expect(result.response).toContain('"status":408');
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(550);
    expect(result.bytesDribbled).toBeLessThan(body.length / 2);
  }, 60_000);

  it('an upload gets UPLOAD_TIMEOUT_MS, then the same 408, and leaves nothing behind', async () => {
    const consultation = await createConsultation(t.dataSource);
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'registrator', password: 'test-password-1' }) });
    const { token } = (await login.json()) as { token: string };
    const part = `--XX\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${'Remissvar '.repeat(50)}\r\n--XX--\r\n`;
    const result = await dribble(
      `POST /api/consultations/${consultation.id}/attachments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: multipart/form-data; boundary=XX\r\nContent-Length: ${part.length}\r\n\r\n`,
      part,
    );
    expect(result.response).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.response).toContain('upload did not arrive');
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(1_400);
    expect(result.bytesDribbled).toBeLessThan(part.length / 2);
    const stored = await t.dataSource.query('SELECT count(*)::int AS n FROM attachments WHERE consultation_id = $1', [consultation.id]);
    expect(stored[0].n).toBe(0);
  }, 60_000);

  it('a body nobody reads (a GET that sends one) is cut too', async () => {
    const result = await dribble('GET /health HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n', 'x'.repeat(100));
    expect(result.response).toMatch(/^HTTP\/1\.1 200 /);
    expect(result.bytesDribbled).toBeLessThan(50);
  }, 60_000);

  it('headers dribbled a byte at a time get 408 and the connection closed after HEADERS_TIMEOUT_MS', async () => {
    const slowHeader = 'X-Slow: ' + 'a'.repeat(100) + '\r\n\r\n';
    const result = await dribble('GET /health HTTP/1.1\r\nHost: localhost\r\n', slowHeader);
    expect(result.response).toMatch(/^HTTP\/1\.1 408 /);
    expect(result.closedAfterMs).toBeGreaterThanOrEqual(550);
    expect(result.bytesDribbled).toBeLessThan(slowHeader.length / 2);
  }, 60_000);

  it('the OpenAPI document lists 408 on the routes that take a body', async () => {
    const document = (await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(document.paths['/api/auth/login'].post.responses)).toContain('408');
    expect(Object.keys(document.paths['/api/consultations/{id}/attachments'].post.responses)).toContain('408');
    expect(Object.keys(document.paths['/api/consultations'].get.responses)).not.toContain('408');
  });

  it('a client at normal speed is not affected', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'test-password-1' }) });
    expect(res.status).toBe(200);
  });
});
