import http from 'node:http';
import https from 'node:https';

/** What the platform clients ask of an HTTP exchange: a whole (small) answer, a deadline. */
export interface HttpInit {
  method: 'GET' | 'POST' | 'PUT';
  headers?: Record<string, string>;
  body?: string | FormData;
  /** The whole exchange, answer included; past it the call fails with a `TimeoutError`. */
  timeoutMs: number;
}

export interface HttpAnswer {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type HttpFetch = (url: string | URL, init: HttpInit) => Promise<HttpAnswer>;

// Idle connections are dropped after 4 s, before a server would (Node's default is 5 s, nginx's 75 s): a
// request written to a connection the server is closing fails with ECONNRESET and is sent again later.
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 256, timeout: 4000 };
const agents = { 'http:': new http.Agent(AGENT_OPTIONS), 'https:': new https.Agent(AGENT_OPTIONS) };

/**
 * The platform APIs' HTTP client: node:http over keep-alive agents. Every reply a rep gets is one such call,
 * and the global `fetch` spends several times the CPU of the exchange itself on web streams, an AbortSignal
 * and spec bookkeeping. Multipart bodies (image uploads, a few per digest) still go through `fetch`.
 */
export const keepAliveFetch: HttpFetch = (url, init) => {
  if (init.body instanceof FormData) return fetchWithTimeout(url, init);
  const target = typeof url === 'string' ? new URL(url) : url;
  const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:'];
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const request = transport.request(
      target,
      { method: init.method, headers: init.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          resolve(bufferedAnswer(res, Buffer.concat(chunks)));
        });
      },
    );
    const timer = setTimeout(() => request.destroy(timeoutError(init.timeoutMs)), init.timeoutMs);
    function fail(error: Error): void {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(init.body);
  });
};

function bufferedAnswer(res: http.IncomingMessage, body: Buffer): HttpAnswer {
  const status = res.statusCode ?? 0;
  return {
    status,
    ok: status >= 200 && status < 300,
    headers: {
      get: (name) => {
        const value = res.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: () => Promise.resolve(body.toString('utf8')),
    arrayBuffer: () =>
      Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer),
  };
}

function fetchWithTimeout(url: string | URL, init: HttpInit): Promise<HttpAnswer> {
  const { timeoutMs, ...rest } = init;
  return fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
}

/** Shaped like the error `fetch` rejects with when its AbortSignal.timeout fires. */
function timeoutError(ms: number): Error {
  const error = new Error(`no answer within ${ms} ms`);
  error.name = 'TimeoutError';
  return error;
}
