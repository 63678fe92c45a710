import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket, WebSocketServer } from 'ws';

/**
 * What the long-connection fakes (DingTalk Stream, the WeCom bot) share: an HTTP server with a WebSocket
 * server on loopback, one current client socket, JSON frames, and waiting until a condition holds.
 */
export abstract class FakeSocketServer {
  /** What the client sent that the fake does not understand: the test fails on it. */
  readonly unexpected: string[] = [];
  protected server?: Server;
  protected wss?: WebSocketServer;
  protected socket?: WebSocket;
  private readonly waiters: Array<() => void> = [];

  protected async listen(server: Server, wss: WebSocketServer): Promise<void> {
    this.server = server;
    this.wss = wss;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }

  protected get port(): number {
    return (this.server?.address() as AddressInfo).port;
  }

  /** The connection dies without a goodbye (network loss, a gateway restart). */
  drop(): void {
    this.socket?.terminate();
  }

  /** Resolves once `check` holds, re-checked on every frame and connection (bounded only by jest's timeout). */
  async until(check: () => boolean): Promise<void> {
    while (!check()) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  async stop(): Promise<void> {
    for (const client of this.wss?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => this.wss?.close(() => resolve()));
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
    this.notify();
  }

  /** Sends a frame down the current connection, if there is one. */
  protected send(frame: object): void {
    if (this.socket?.readyState === 1) this.socket.send(JSON.stringify(frame));
  }

  /** A frame the client sent, or null (recorded as unexpected) when it is not JSON. */
  protected parse<T>(raw: string): T | null {
    try {
      return JSON.parse(raw) as T;
    } catch {
      this.unexpected.push(`not JSON: ${raw.slice(0, 80)}`);
      return null;
    }
  }

  protected notify(): void {
    this.waiters.splice(0).forEach((w) => w());
  }
}
