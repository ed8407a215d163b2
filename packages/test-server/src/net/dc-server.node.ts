import { createServer, type Server, type Socket } from 'node:net';
import type { DcAddress } from '../domain/world.js';
import type { ProtocolHost } from '../mtproto/protocol-host.js';
import { DcConnection } from './dc-connection.node.js';

/** One emulated data centre: a TCP listener on loopback and its live connections. */
export class DcServer {
  readonly connections = new Set<DcConnection>();
  private server: Server | undefined;

  constructor(
    private readonly host: ProtocolHost,
    readonly address: DcAddress,
    private readonly maxPacketBytes: number,
  ) {}

  get dcId(): number {
    return this.address.id;
  }

  /** Listens on the address's port (0 picks a free one, then recorded in the address). */
  async start(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    server.on('error', () => {
      // Errors after listen() (none expected on loopback) must not crash the process.
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.address.host, port: this.address.port, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const bound = server.address();
    if (bound && typeof bound === 'object') this.address.port = bound.port;
    this.server = server;
  }

  private accept(socket: Socket): void {
    const faults = this.host.faults.claimConnectionFaults(this.dcId);
    const connection = new DcConnection(
      socket,
      this.host,
      this.dcId,
      faults,
      this.maxPacketBytes,
      (closed) => this.connections.delete(closed),
    );
    this.connections.add(connection);
  }

  disconnectAll(): void {
    for (const connection of this.connections) connection.close();
  }

  /** Stops listening and drops every connection; state (auth keys, sessions) stays with the server. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.disconnectAll();
    if (!server) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
