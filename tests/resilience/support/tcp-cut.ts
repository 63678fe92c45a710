import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of a database that a test can cut: every open connection dropped and the port
 * closed (clients get ECONNREFUSED, as when the server is stopped), then opened again on the same port.
 * It lets a fast test take the database away without stopping a MariaDB other tests share.
 */
export class TcpCut {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    const server = createServer((client) => {
      const upstream = createConnection(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
    return this.port;
  }

  /** The database vanishes: connections reset, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** The database is back on the same address. */
  restore(): Promise<number> {
    return this.start();
  }

  close(): Promise<void> {
    return this.cut();
  }
}
