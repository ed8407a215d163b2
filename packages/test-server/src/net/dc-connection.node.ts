import type { Socket } from 'node:net';
import { createServerCodec, type ServerFrameCodec } from '@telets/transport';
import type { ConnectionFaults } from '../faults.js';
import { ConnectionProtocol } from '../mtproto/connection-protocol.js';
import type { PacketSink, ProtocolHost } from '../mtproto/protocol-host.js';

/**
 * One accepted TCP connection: the server-role framing codec (detecting the client's transport)
 * in front of a ConnectionProtocol. Any malformed input closes this connection only.
 */
export class DcConnection implements PacketSink {
  readonly protocol: ConnectionProtocol;
  private readonly codec: ServerFrameCodec;
  private bytesIn = 0;
  private packetsIn = 0;
  private disconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly socket: Socket,
    host: ProtocolHost,
    dcId: number,
    private readonly faults: ConnectionFaults | undefined,
    maxPacketBytes: number,
    private readonly onClosed: (connection: DcConnection) => void,
  ) {
    this.codec = createServerCodec({
      createAesCtr: (key, iv) => host.crypto.createAesCtr(key, iv),
      randomBytes: (n) => host.crypto.randomBytes(n),
      maxPacketBytes,
    });
    this.protocol = new ConnectionProtocol(host, dcId, this, faults);
    socket.setNoDelay(true);
    socket.on('error', () => {
      // A reset by the client is routine; 'close' follows and cleans up.
    });
    socket.on('close', () => {
      clearTimeout(this.disconnectTimer);
      this.onClosed(this);
    });
    socket.on('data', (chunk: Buffer) => this.onData(chunk, host, dcId));
  }

  get isOpen(): boolean {
    return !this.socket.destroyed && this.socket.writable;
  }

  private onData(chunk: Buffer, host: ProtocolHost, dcId: number): void {
    this.bytesIn += chunk.length;
    if (this.faults?.afterBytes !== undefined && this.bytesIn >= this.faults.afterBytes) {
      this.close();
      return;
    }
    let frames: ReturnType<ServerFrameCodec['decodeFrames']>;
    try {
      frames = this.codec.decodeFrames(
        new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength),
      );
    } catch (error) {
      host.warn(dcId, `transport error: ${(error as Error).message}`);
      this.close();
      return;
    }
    for (const frame of frames) {
      if (!this.isOpen) return;
      if (frame.type !== 'packet') continue;
      this.packetsIn++;
      if (this.faults?.afterMessages !== undefined && this.packetsIn >= this.faults.afterMessages) {
        this.close();
        return;
      }
      try {
        this.protocol.receive(frame.payload, frame.isQuickAckRequested);
      } catch (error) {
        host.warn(dcId, `packet handling failed: ${(error as Error).message}`);
        this.close();
        return;
      }
    }
  }

  send(packet: Uint8Array): void {
    if (this.isOpen) this.socket.write(this.codec.encode(packet));
  }

  sendQuickAck(token: number): void {
    if (!this.isOpen) return;
    try {
      this.socket.write(this.codec.encodeQuickAck(token));
    } catch {
      // The full transport has no quick acks: nothing to send.
    }
  }

  sendTransportError(code: number): void {
    if (!this.isOpen) return;
    const packet = new Uint8Array(4);
    new DataView(packet.buffer).setInt32(0, code, true);
    try {
      this.socket.end(this.codec.encode(packet));
    } catch {
      this.close();
    }
  }

  close(): void {
    this.socket.destroy();
  }

  disconnectAfter(seconds: number): void {
    clearTimeout(this.disconnectTimer);
    this.disconnectTimer = setTimeout(() => this.close(), Math.max(0, seconds) * 1000);
    this.disconnectTimer.unref?.();
  }
}
