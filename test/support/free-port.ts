import { readFileSync } from 'node:fs';
import net from 'node:net';

/**
 * A loopback port for a server that binds it later, in another process: embedded PostgreSQL binds
 * its port seconds after it is chosen (initdb, start-up). A port from `listen(0)` comes from the
 * kernel's ephemeral range, the same range every outgoing connection takes its local port from;
 * with a test suite (or other engineers' suites) opening thousands of connections, one of them
 * can take that port in the meantime and PostgreSQL stops with "Address already in use". Below
 * that range only an explicit bind takes a port, so a random one that is free now stays free.
 */
export async function portForLater(): Promise<number> {
  const low = ephemeralRangeStart();
  // 10,000 ports below the range (but above the well-known ones); without room there, listen(0).
  const first = Math.max(1024, low - 10_000);
  if (low - first < 1000) return listenZero();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = first + Math.floor(Math.random() * (low - first));
    if (await isFree(port)) return port;
  }
  return listenZero();
}

function ephemeralRangeStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768; // Linux's default where /proc is not there
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function listenZero(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
