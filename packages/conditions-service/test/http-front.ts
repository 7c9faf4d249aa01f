import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the front server does to the requests it passes on. */
export interface FrontOptions {
  /** Answer this many first requests with 503 instead of passing them on. */
  readonly failFirst?: number;
  /** Change the numbers of every payload document it passes on (a corrupted cache or disk). */
  readonly tamperPayloads?: boolean;
}

/**
 * A real HTTP server in front of the service that fails or corrupts on purpose: what a
 * restarting service or a broken proxy does to a client.
 */
export async function startFront(target: string, opts: FrontOptions): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server: Server = createServer(async (req, res) => {
    count++;
    if (count <= (opts.failFirst ?? 0)) {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '0' }).end('{"error":{"code":"DATABASE","reason":"busy","message":"restarting"}}');
      return;
    }
    const upstream = await fetch(target + req.url!, { headers: { accept: 'application/json' } });
    let body = await upstream.text();
    if (opts.tamperPayloads && req.url!.startsWith('/api/v1/payloads/')) body = body.replace(/"y0PePerMeV":(\d+)/, (_m, n) => `"y0PePerMeV":${Number(n) + 1}`);
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests: () => count, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** A TCP port that was free a moment ago (nothing listens on it now). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
