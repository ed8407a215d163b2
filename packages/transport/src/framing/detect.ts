import { createAbridgedCodec } from './abridged';
import {
  type CodecRole,
  type ConnectionCodec,
  type CreateAesCtr,
  DEFAULT_MAX_PACKET_BYTES,
  type EncodeOptions,
  type Frame,
  type FrameCodec,
  packetsOf,
  type RandomBytes,
  type TransportKind,
} from './codec';
import { BadHeaderError, TransportError } from './errors';
import { createFullCodec } from './full';
import { createIntermediateCodec, createPaddedIntermediateCodec } from './intermediate';
import {
  acceptObfuscationHeader,
  OBFUSCATION_HEADER_BYTES,
  readObfuscationHeader,
} from './obfuscated';

/** The outcome of looking at the first bytes a client sent. */
export type TransportDetection =
  | { readonly status: 'needMoreBytes'; readonly minBytes: number }
  | {
      readonly status: 'detected';
      readonly kind: TransportKind;
      readonly isObfuscated: boolean;
      /** Bytes at the start that belong to the tag or header, not to the first frame. */
      readonly headerBytes: number;
    };

const httpOrTlsWords = new Map([
  [0x44414548, 'HTTP'],
  [0x54534f50, 'HTTP'],
  [0x20544547, 'HTTP'],
  [0x4954504f, 'HTTP'],
  [0x02010316, 'TLS'],
]);

/**
 * Server side: which transport a client speaks, from its first bytes. 0xef is abridged,
 * 0xeeeeeeee intermediate, 0xdddddddd padded intermediate; a plausible length followed by
 * sequence number 0 is full; anything else is a 64-byte obfuscation header, whose inner
 * transport is read with `createAesCtr` (required then). HTTP and TLS preambles, unknown
 * obfuscation tags and impossible lengths raise BadHeaderError.
 */
export function detectTransport(
  firstBytes: Uint8Array,
  options: { createAesCtr?: CreateAesCtr; maxPacketBytes?: number } = {},
): TransportDetection {
  if (firstBytes.length < 1) return { status: 'needMoreBytes', minBytes: 1 };
  if (firstBytes[0] === 0xef) {
    return { status: 'detected', kind: 'abridged', isObfuscated: false, headerBytes: 1 };
  }
  if (firstBytes.length < 8) return { status: 'needMoreBytes', minBytes: 8 };
  const view = new DataView(firstBytes.buffer, firstBytes.byteOffset, firstBytes.byteLength);
  const first = view.getUint32(0, true);
  if (first === 0xeeeeeeee) {
    return { status: 'detected', kind: 'intermediate', isObfuscated: false, headerBytes: 4 };
  }
  if (first === 0xdddddddd) {
    return { status: 'detected', kind: 'padded', isObfuscated: false, headerBytes: 4 };
  }
  const foreign = httpOrTlsWords.get(first);
  if (foreign) throw new BadHeaderError(`client speaks ${foreign}, not an MTProto TCP transport`);
  if (view.getUint32(4, true) === 0) {
    const maxPacketBytes = options.maxPacketBytes ?? DEFAULT_MAX_PACKET_BYTES;
    if (first >= 12 && first % 4 === 0 && first - 12 <= maxPacketBytes) {
      return { status: 'detected', kind: 'full', isObfuscated: false, headerBytes: 0 };
    }
    throw new BadHeaderError('first bytes are neither a full-transport frame nor obfuscated');
  }
  if (firstBytes.length < OBFUSCATION_HEADER_BYTES) {
    return { status: 'needMoreBytes', minBytes: OBFUSCATION_HEADER_BYTES };
  }
  if (!options.createAesCtr) {
    throw new BadHeaderError('client uses the obfuscated transport, but no createAesCtr was given');
  }
  const { kind } = readObfuscationHeader(firstBytes, options.createAesCtr);
  return { status: 'detected', kind, isObfuscated: true, headerBytes: OBFUSCATION_HEADER_BYTES };
}

export interface ServerCodecOptions {
  /** Needed to accept obfuscated clients. */
  readonly createAesCtr?: CreateAesCtr;
  /** Needed to answer padded-intermediate clients (their padding). */
  readonly randomBytes?: RandomBytes;
  readonly maxPacketBytes?: number;
}

/** What a server codec learned about its client; undefined until enough bytes arrived. */
export interface DetectedTransport {
  readonly kind: TransportKind;
  readonly isObfuscated: boolean;
  /** DC id from an obfuscation header (int16 at offset 60), when obfuscated. */
  readonly dcId?: number;
}

/** A server-role codec that detects the client's transport from the first bytes it reads. */
export interface ServerFrameCodec extends ConnectionCodec {
  readonly role: CodecRole;
  readonly detected: DetectedTransport | undefined;
  encode(packet: Uint8Array, options?: EncodeOptions): Uint8Array;
  encodeQuickAck(token: number): Uint8Array;
  decode(chunk: Uint8Array): Uint8Array[];
  decodeFrames(chunk: Uint8Array): Frame[];
}

class DetectingServerCodec implements ServerFrameCodec {
  readonly role: CodecRole = 'server';
  detected: DetectedTransport | undefined;
  private delegate: FrameCodec | undefined;
  private pending: Uint8Array = new Uint8Array(0);
  private failure: TransportError | undefined;

  constructor(private readonly options: ServerCodecOptions) {}

  encode(packet: Uint8Array, options?: EncodeOptions): Uint8Array {
    return this.ready().encode(packet, options);
  }

  encodeQuickAck(token: number): Uint8Array {
    return this.ready().encodeQuickAck(token);
  }

  decode(chunk: Uint8Array): Uint8Array[] {
    return packetsOf(this.decodeFrames(chunk));
  }

  decodeFrames(chunk: Uint8Array): Frame[] {
    if (this.delegate) return this.delegate.decodeFrames(chunk);
    if (this.failure) throw this.failure;
    const joined = new Uint8Array(this.pending.length + chunk.length);
    joined.set(this.pending, 0);
    joined.set(chunk, this.pending.length);
    let detection: TransportDetection;
    try {
      detection = detectTransport(joined, this.options);
      if (detection.status === 'needMoreBytes') {
        this.pending = joined;
        return [];
      }
      this.delegate = this.codecFor(detection, joined);
    } catch (error) {
      this.failure =
        error instanceof TransportError
          ? error
          : new TransportError('cannot detect the transport', { cause: error });
      throw this.failure;
    }
    this.pending = new Uint8Array(0);
    return this.delegate.decodeFrames(joined.subarray(detection.headerBytes));
  }

  private codecFor(
    detection: TransportDetection & { status: 'detected' },
    bytes: Uint8Array,
  ): FrameCodec {
    const { maxPacketBytes, randomBytes, createAesCtr } = this.options;
    if (detection.isObfuscated && createAesCtr) {
      const accepted = acceptObfuscationHeader(bytes, {
        createAesCtr,
        randomBytes,
        maxPacketBytes,
      });
      this.detected = { kind: accepted.kind, isObfuscated: true, dcId: accepted.dcId };
      return accepted.codec;
    }
    this.detected = { kind: detection.kind, isObfuscated: false };
    const options = { role: 'server' as const, maxPacketBytes };
    switch (detection.kind) {
      case 'abridged':
        return createAbridgedCodec(options);
      case 'intermediate':
        return createIntermediateCodec(options);
      case 'full':
        return createFullCodec(options);
      case 'padded':
        if (!randomBytes) throw new TransportError('padded intermediate needs randomBytes');
        return createPaddedIntermediateCodec({ ...options, randomBytes });
    }
  }

  private ready(): FrameCodec {
    if (!this.delegate) {
      throw new TransportError('the server cannot send before the client picked a transport');
    }
    return this.delegate;
  }
}

/** Creates a server-role codec that detects abridged/intermediate/padded/full/obfuscated. */
export function createServerCodec(options: ServerCodecOptions = {}): ServerFrameCodec {
  return new DetectingServerCodec(options);
}
