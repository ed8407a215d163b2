import { ByteQueue } from './byte-queue';
import {
  type CodecOptions,
  type CodecRole,
  DEFAULT_MAX_PACKET_BYTES,
  type EncodeOptions,
  type Frame,
  type FrameCodec,
  packetsOf,
  type TransportKind,
} from './codec';
import { BadHeaderError, FrameTooLargeError, TransportCodeError, TransportError } from './errors';

const noTag = new Uint8Array(0);

/** Shared machinery of the plain codecs: input queue, tag-once, sticky decode failure. */
export abstract class BaseCodec implements FrameCodec {
  abstract readonly kind: TransportKind;
  readonly isObfuscated: boolean = false;
  readonly role: CodecRole;
  protected readonly maxPacketBytes: number;
  protected readonly queue: ByteQueue = new ByteQueue();
  private pendingTag: Uint8Array;
  private failure: TransportError | undefined;

  constructor(options: CodecOptions, tag: Uint8Array) {
    this.role = options.role ?? 'client';
    this.maxPacketBytes = options.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
    const isTagWritten = options.isTagWritten ?? this.role === 'client';
    this.pendingTag = isTagWritten ? tag : noTag;
  }

  encode(packet: Uint8Array, options?: EncodeOptions): Uint8Array {
    if (packet.length % 4 !== 0) {
      throw new BadHeaderError(`packet length ${packet.length} is not a multiple of 4`);
    }
    if (packet.length > this.maxPacketBytes) {
      throw new FrameTooLargeError(packet.length, this.maxPacketBytes);
    }
    const isQuickAckRequested = options?.isQuickAckRequested ?? false;
    if (isQuickAckRequested && this.role !== 'client') {
      throw new TransportError('only a client can request a quick ack');
    }
    const tag = this.pendingTag;
    this.pendingTag = noTag;
    return this.frame(packet, tag, isQuickAckRequested);
  }

  encodeQuickAck(token: number): Uint8Array {
    if (this.role !== 'server') throw new TransportError('only a server sends quick-ack tokens');
    return this.frameQuickAck((token | 0x80000000) >>> 0);
  }

  decode(chunk: Uint8Array): Uint8Array[] {
    return packetsOf(this.decodeFrames(chunk));
  }

  decodeFrames(chunk: Uint8Array): Frame[] {
    if (this.failure) throw this.failure;
    try {
      this.queue.push(chunk);
      const frames: Frame[] = [];
      for (let frame = this.next(); frame; frame = this.next()) {
        if (frame.type === 'packet') checkTransportCode(frame.payload);
        frames.push(frame);
      }
      // The caller may reuse its chunk; keep our own copy of a partial frame.
      this.queue.release();
      return frames;
    } catch (error) {
      this.failure =
        error instanceof TransportError
          ? error
          : new TransportError(`malformed ${this.kind} stream`, { cause: error });
      throw this.failure;
    }
  }

  protected checkLength(byteLength: number): void {
    if (byteLength > this.maxPacketBytes) {
      throw new FrameTooLargeError(byteLength, this.maxPacketBytes);
    }
  }

  /** Writes `tag`, the envelope and `packet` into one new buffer. */
  protected abstract frame(
    packet: Uint8Array,
    tag: Uint8Array,
    isQuickAckRequested: boolean,
  ): Uint8Array;

  protected abstract frameQuickAck(token: number): Uint8Array;

  /** The next whole frame at the front of the queue, or undefined when more bytes are needed. */
  protected abstract next(): Frame | undefined;
}

/** A 4-byte packet holding a negative int32 is Telegram's transport error, not a message. */
function checkTransportCode(payload: Uint8Array): void {
  if (payload.length !== 4) return;
  const code = payload[0] | (payload[1] << 8) | (payload[2] << 16) | (payload[3] << 24) | 0;
  if (code < 0) throw new TransportCodeError(code);
}

export function writeUint32LE(out: Uint8Array, offset: number, value: number): void {
  out[offset] = value & 0xff;
  out[offset + 1] = (value >>> 8) & 0xff;
  out[offset + 2] = (value >>> 16) & 0xff;
  out[offset + 3] = (value >>> 24) & 0xff;
}

export function uint32LEBytes(value: number): Uint8Array {
  const out = new Uint8Array(4);
  writeUint32LE(out, 0, value);
  return out;
}
