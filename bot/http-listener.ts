import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The HTTP server, listening before the app exists: it answers 503 until `serve` hands it the app. */
export interface HttpListener {
  server: Server;
  /** How the bot reaches itself (`http://127.0.0.1:<port>`): the simulator's callbacks and links use it. */
  url: string;
  serve(handler: RequestListener): void;
  close(): Promise<void>;
}

/** Listens on `port` (0: a free one) and `host`, so that the real port is known before the app is wired. */
export async function listen(port: number, host: string | undefined): Promise<HttpListener> {
  let handle: RequestListener = (_req, res) => res.writeHead(503).end('starting');
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    server,
    url: `http://${localAddressOf(host)}:${bound}`,
    serve: (handler) => {
      handle = handler;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** How the bot reaches itself: the bound address, or loopback when bound to every interface. */
function localAddressOf(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
