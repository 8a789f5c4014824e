import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  baseUrl: string;
  output(): string;
  exited: Promise<number | null>;
  /** Signals the whole process group (`npm start` runs the server as a grandchild). */
  signal(name: NodeJS.Signals): void;
}

export interface StartOptions {
  /** The clone to start from (default: this repository). */
  cwd?: string;
  /** Run as this OS user (the test runs as root). */
  user?: { uid: number; gid: number; home: string };
  /** `npm start`, the README's command, instead of src/server.ts through tsx directly. */
  npmStart?: boolean;
  timeoutMs?: number;
}

/** Runs the server as its own process, the way `npm start` runs it. */
export async function startServerProcess(env: Record<string, string>, options: StartOptions = {}): Promise<ServerProcess> {
  const [command, args] = options.npmStart ? ['npm', ['start']] : [process.execPath, ['--import', 'tsx', 'src/server.ts']];
  const home = options.user?.home ?? process.env.HOME ?? '/tmp';
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    detached: true,
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
    env: { PATH: process.env.PATH ?? '', HOME: home, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      signal('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, options.timeoutMs ?? 90_000);
    const check = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return { child, baseUrl, output: () => output, exited, signal };
}
