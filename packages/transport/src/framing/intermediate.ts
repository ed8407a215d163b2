import { BaseCodec, uint32LEBytes, writeUint32LE } from './base-codec';
import type { CodecOptions, Frame, FrameCodec, RandomBytes, TransportKind } from './codec';
import { TransportError } from './errors';

/** The intermediate transport's tag, sent once by the client. */
export const INTERMEDIATE_TAG: Uint8Array = Uint8Array.of(0xee, 0xee, 0xee, 0xee);
/** The padded intermediate transport's tag, sent once by the client. */
export const PADDED_INTERMEDIATE_TAG: Uint8Array = Uint8Array.of(0xdd, 0xdd, 0xdd, 0xdd);

const randomPoolBytes = 1024;

export interface PaddedCodecOptions extends CodecOptions {
  /** Source of the 0..15 random padding bytes appended to every frame. */
  readonly randomBytes: RandomBytes;
}

/**
 * Intermediate framing: a little-endian int32 length, then the payload. The top bit of the
 * length is the quick-ack flag: a request when the client sends it, and, from the server, a
 * 4-byte quick-ack token with no payload (surfaced as a `quickAck` frame).
 *
 * Padded intermediate appends 0..15 random bytes. The receiver drops `length % 4` trailing
 * bytes, but up to 12 padding bytes can remain: the MTProto layer must ignore bytes after
 * its own message length.
 */
class IntermediateCodec extends BaseCodec {
  readonly kind: TransportKind;
  private readonly randomBytes: RandomBytes | undefined;

  constructor(options: CodecOptions, randomBytes: RandomBytes | undefined) {
    super(options, randomBytes ? PADDED_INTERMEDIATE_TAG : INTERMEDIATE_TAG);
    this.kind = randomBytes ? 'padded' : 'intermediate';
    this.randomBytes = randomBytes;
  }

  protected frame(packet: Uint8Array, tag: Uint8Array, isQuickAckRequested: boolean): Uint8Array {
    const padding = this.randomBytes ? this.padding() : undefined;
    const bodyBytes = packet.length + (padding?.length ?? 0);
    const out = new Uint8Array(tag.length + 4 + bodyBytes);
    out.set(tag, 0);
    writeUint32LE(out, tag.length, (bodyBytes | (isQuickAckRequested ? 0x80000000 : 0)) >>> 0);
    out.set(packet, tag.length + 4);
    if (padding) out.set(padding, tag.length + 4 + packet.length);
    return out;
  }

  // Random bytes are drawn in batches: one RNG call per frame would dominate small frames.
  private randomPool: Uint8Array = new Uint8Array(0);
  private randomOffset = 0;

  private padding(): Uint8Array {
    if (this.randomOffset + 16 > this.randomPool.length) {
      this.randomPool = (this.randomBytes as RandomBytes)(randomPoolBytes);
      this.randomOffset = 0;
      if (this.randomPool.length !== randomPoolBytes) {
        throw new TransportError('randomBytes returned the wrong length');
      }
    }
    const byteLength = this.randomPool[this.randomOffset] % 16;
    const padding = this.randomPool.subarray(
      this.randomOffset + 1,
      this.randomOffset + 1 + byteLength,
    );
    this.randomOffset += 1 + byteLength;
    return padding;
  }

  protected frameQuickAck(token: number): Uint8Array {
    return uint32LEBytes(token);
  }

  protected next(): Frame | undefined {
    const q = this.queue;
    if (q.length < 4) return undefined;
    const raw = q.uint32LE(0);
    const hasTopBit = raw >= 0x80000000;
    if (hasTopBit && this.role === 'client') {
      q.skip(4);
      return { type: 'quickAck', token: raw };
    }
    const byteLength = raw & 0x7fffffff;
    const tail = this.kind === 'padded' ? byteLength % 4 : 0;
    // Padding may take a maximal packet past the limit by up to 15 bytes.
    this.checkLength(this.kind === 'padded' ? Math.max(0, byteLength - 15) : byteLength);
    if (q.length < 4 + byteLength) return undefined;
    const payload = q.take(4, byteLength - tail, tail);
    return { type: 'packet', payload, isQuickAckRequested: hasTopBit };
  }
}

/** Creates an intermediate codec (client role by default: writes 0xeeeeeeee first). */
export function createIntermediateCodec(options: CodecOptions = {}): FrameCodec {
  return new IntermediateCodec(options, undefined);
}

/** Creates a padded intermediate codec (client role by default: writes 0xdddddddd first). */
export function createPaddedIntermediateCodec(options: PaddedCodecOptions): FrameCodec {
  return new IntermediateCodec(options, options.randomBytes);
}
