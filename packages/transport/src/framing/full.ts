import { BaseCodec, writeUint32LE } from './base-codec';
import type { CodecOptions, Frame, FrameCodec, TransportKind } from './codec';
import { crc32 } from './crc32';
import {
  BadCrcError,
  BadHeaderError,
  BadSequenceError,
  TransportCodeError,
  TransportError,
} from './errors';

const envelopeBytes = 12;

/**
 * Full framing: int32 total length (payload + 12), int32 sequence number (per direction, from
 * 0), payload, CRC32 of everything before it. It has no tag and no quick acks. A negative
 * length is read as a transport error code, as some servers send the code unframed.
 */
class FullCodec extends BaseCodec {
  readonly kind: TransportKind = 'full';
  private sendSeq = 0;
  private receiveSeq = 0;

  constructor(options: CodecOptions) {
    super(options, new Uint8Array(0));
  }

  protected frame(packet: Uint8Array, tag: Uint8Array, isQuickAckRequested: boolean): Uint8Array {
    if (isQuickAckRequested) throw new TransportError('the full transport has no quick acks');
    const total = packet.length + envelopeBytes;
    const out = new Uint8Array(tag.length + total);
    out.set(tag, 0);
    const at = tag.length;
    writeUint32LE(out, at, total);
    writeUint32LE(out, at + 4, this.sendSeq);
    out.set(packet, at + 8);
    writeUint32LE(out, at + total - 4, crc32(out, at, at + total - 4));
    this.sendSeq = (this.sendSeq + 1) | 0;
    return out;
  }

  protected frameQuickAck(): Uint8Array {
    throw new TransportError('the full transport has no quick acks');
  }

  protected next(): Frame | undefined {
    const q = this.queue;
    if (q.length < 4) return undefined;
    const total = q.int32LE(0);
    if (total < 0) throw new TransportCodeError(total);
    if (total < envelopeBytes || total % 4 !== 0) {
      throw new BadHeaderError(`bad full-transport frame length ${total}`);
    }
    this.checkLength(total - envelopeBytes);
    if (q.length < total) return undefined;
    const received = q.uint32LE(total - 4);
    const expected = crc32(q.peek(total - 4));
    if (received !== expected) throw new BadCrcError(expected, received);
    const seq = q.int32LE(4);
    if (seq !== this.receiveSeq) throw new BadSequenceError(this.receiveSeq, seq);
    this.receiveSeq = (this.receiveSeq + 1) | 0;
    const payload = q.take(8, total - envelopeBytes, 4);
    return { type: 'packet', payload, isQuickAckRequested: false };
  }
}

/** Creates a full-transport codec (length, sequence number, CRC32; no tag in either role). */
export function createFullCodec(options: CodecOptions = {}): FrameCodec {
  return new FullCodec(options);
}
