import { BaseCodec, writeUint32LE } from './base-codec';
import type { CodecOptions, Frame, FrameCodec, TransportKind } from './codec';
import { FrameTooLargeError } from './errors';

/** The abridged transport's tag: one 0xef byte (0xefefefef inside an obfuscation header). */
export const ABRIDGED_TAG: Uint8Array = Uint8Array.of(0xef);

// Three length bytes count 4-byte words.
const maxAbridgedBytes = 0xffffff * 4;

/**
 * Abridged framing: length/4 in one byte (below 127) or 0x7f plus three little-endian bytes.
 * Quick acks: a client sets the top bit of the first byte to request one; the server answers
 * with the 4-byte token in big-endian order (top bit set), which the client role surfaces as
 * a `quickAck` frame.
 */
class AbridgedCodec extends BaseCodec {
  readonly kind: TransportKind = 'abridged';

  constructor(options: CodecOptions) {
    super(options, ABRIDGED_TAG);
  }

  protected frame(packet: Uint8Array, tag: Uint8Array, isQuickAckRequested: boolean): Uint8Array {
    const words = packet.length / 4;
    if (packet.length > maxAbridgedBytes) {
      throw new FrameTooLargeError(packet.length, maxAbridgedBytes);
    }
    const quickAckBit = isQuickAckRequested ? 0x80 : 0;
    const headerBytes = words < 0x7f ? 1 : 4;
    const out = new Uint8Array(tag.length + headerBytes + packet.length);
    out.set(tag, 0);
    const at = tag.length;
    if (headerBytes === 1) {
      out[at] = words | quickAckBit;
    } else {
      writeUint32LE(out, at, ((words << 8) | 0x7f | quickAckBit) >>> 0);
    }
    out.set(packet, at + headerBytes);
    return out;
  }

  protected frameQuickAck(token: number): Uint8Array {
    return Uint8Array.of(token >>> 24, (token >>> 16) & 0xff, (token >>> 8) & 0xff, token & 0xff);
  }

  protected next(): Frame | undefined {
    const q = this.queue;
    if (q.length < 1) return undefined;
    const first = q.byteAt(0);
    const hasTopBit = (first & 0x80) !== 0;
    if (hasTopBit && this.role === 'client') {
      if (q.length < 4) return undefined;
      const token = q.uint32BE(0);
      q.skip(4);
      return { type: 'quickAck', token };
    }
    const short = first & 0x7f;
    let headerBytes = 1;
    let byteLength = short * 4;
    if (short === 0x7f) {
      if (q.length < 4) return undefined;
      headerBytes = 4;
      byteLength = (q.uint32LE(0) >>> 8) * 4;
    }
    this.checkLength(byteLength);
    if (q.length < headerBytes + byteLength) return undefined;
    const payload = q.take(headerBytes, byteLength);
    return { type: 'packet', payload, isQuickAckRequested: hasTopBit };
  }
}

/** Creates an abridged codec (client role by default: writes 0xef before the first frame). */
export function createAbridgedCodec(options: CodecOptions = {}): FrameCodec {
  return new AbridgedCodec(options);
}
