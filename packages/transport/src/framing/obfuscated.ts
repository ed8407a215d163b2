import { createAbridgedCodec } from './abridged';
import type {
  AesCtr,
  CodecOptions,
  CodecRole,
  CreateAesCtr,
  EncodeOptions,
  Frame,
  FrameCodec,
  RandomBytes,
  TransportKind,
} from './codec';
import { BadHeaderError, TransportError } from './errors';
import { createIntermediateCodec, createPaddedIntermediateCodec } from './intermediate';

/** Length of the random init header that opens an obfuscated connection. */
export const OBFUSCATION_HEADER_BYTES = 64;

const protocolTags: Record<Exclude<TransportKind, 'full'>, number> = {
  abridged: 0xefefefef,
  intermediate: 0xeeeeeeee,
  padded: 0xdddddddd,
};

// First 4 bytes (read as little-endian uint32) that would make the header look like another
// protocol to the server: HTTP 'HEAD', 'POST', 'GET ', 'OPTI', a TLS handshake, plain
// padded intermediate and plain intermediate.
const forbiddenFirstWords = new Set([
  0x44414548, 0x54534f50, 0x20544547, 0x4954504f, 0x02010316, 0xdddddddd, 0xeeeeeeee,
]);

export interface ObfuscationCrypto {
  readonly createAesCtr: CreateAesCtr;
}

export interface ObfuscatedCodecOptions
  extends Omit<CodecOptions, 'isTagWritten'>,
    ObfuscationCrypto {
  /** The inner framing; `full` cannot be obfuscated. */
  readonly kind: Exclude<TransportKind, 'full'>;
  /** Random source for the init header and for padded intermediate's padding. */
  readonly randomBytes: RandomBytes;
  /**
   * Client role: DC id written as int16 at offset 60 (negative for test DCs, +10000 for media);
   * when omitted those bytes stay random.
   */
  readonly dcId?: number;
}

/** True when a 64-byte header's first 8 bytes could be mistaken for another protocol. */
export function isForbiddenObfuscationHeader(header: Uint8Array): boolean {
  const first = (header[0] | (header[1] << 8) | (header[2] << 16) | (header[3] << 24)) >>> 0;
  const second = header[4] | header[5] | header[6] | header[7];
  return header[0] === 0xef || forbiddenFirstWords.has(first) || second === 0;
}

/** The transport a protocol tag (bytes 56..60 of a decrypted header, little-endian) names. */
export function transportKindOfTag(tag: number): Exclude<TransportKind, 'full'> | undefined {
  for (const [kind, value] of Object.entries(protocolTags)) {
    if (value === tag >>> 0) return kind as Exclude<TransportKind, 'full'>;
  }
  return undefined;
}

function reversed(bytes: Uint8Array): Uint8Array {
  return Uint8Array.from(bytes).reverse();
}

function cipherFrom(createAesCtr: CreateAesCtr, material: Uint8Array): AesCtr {
  return createAesCtr(material.slice(8, 40), material.slice(40, 56));
}

/** Wraps a plain codec: every byte it writes or reads passes through AES-256-CTR. */
class ObfuscatedCodec implements FrameCodec {
  readonly isObfuscated: boolean = true;

  constructor(
    private readonly inner: FrameCodec,
    private readonly encryptor: AesCtr,
    private readonly decryptor: AesCtr,
    private pendingHeader: Uint8Array | undefined,
  ) {}

  get kind(): TransportKind {
    return this.inner.kind;
  }

  get role(): CodecRole {
    return this.inner.role;
  }

  encode(packet: Uint8Array, options?: EncodeOptions): Uint8Array {
    return this.withHeader(this.encryptor.update(this.inner.encode(packet, options)));
  }

  encodeQuickAck(token: number): Uint8Array {
    return this.withHeader(this.encryptor.update(this.inner.encodeQuickAck(token)));
  }

  decode(chunk: Uint8Array): Uint8Array[] {
    return this.inner.decode(this.decryptor.update(chunk));
  }

  decodeFrames(chunk: Uint8Array): Frame[] {
    return this.inner.decodeFrames(this.decryptor.update(chunk));
  }

  private withHeader(encrypted: Uint8Array): Uint8Array {
    const header = this.pendingHeader;
    if (!header) return encrypted;
    this.pendingHeader = undefined;
    const out = new Uint8Array(header.length + encrypted.length);
    out.set(header, 0);
    out.set(encrypted, header.length);
    return out;
  }
}

function innerCodec(
  kind: TransportKind,
  role: CodecRole,
  maxPacketBytes: number | undefined,
  randomBytes: RandomBytes | undefined,
): FrameCodec {
  const options = { role, maxPacketBytes, isTagWritten: false };
  switch (kind) {
    case 'abridged':
      return createAbridgedCodec(options);
    case 'intermediate':
      return createIntermediateCodec(options);
    case 'padded':
      if (!randomBytes) throw new TransportError('padded intermediate needs randomBytes');
      return createPaddedIntermediateCodec({ ...options, randomBytes });
    default:
      throw new TransportError(`the ${kind} transport cannot be obfuscated`);
  }
}

/**
 * Client role: creates the 64-byte init header (sent in front of the first frame) and the
 * codec. Keys: encrypt with key init[8:40], iv init[40:56]; decrypt with the same ranges of
 * the reversed header. The tag and DC id are sent encrypted, the rest in the clear.
 */
export function createObfuscatedCodec(options: ObfuscatedCodecOptions): FrameCodec {
  const { kind, randomBytes, createAesCtr, dcId } = options;
  if ((kind as TransportKind) === 'full' || !(kind in protocolTags)) {
    throw new TransportError(`the ${kind} transport cannot be obfuscated`);
  }
  if ((options.role ?? 'client') !== 'client') {
    throw new TransportError('server-side obfuscated codecs come from createServerCodec');
  }
  const init = randomHeader(randomBytes);
  const view = new DataView(init.buffer, init.byteOffset, init.byteLength);
  view.setUint32(56, protocolTags[kind], true);
  if (dcId !== undefined) view.setInt16(60, dcId, true);

  const encryptor = cipherFrom(createAesCtr, init);
  const decryptor = cipherFrom(createAesCtr, reversed(init));
  const encryptedInit = encryptor.update(init);
  const header = init.slice();
  header.set(encryptedInit.subarray(56, 64), 56);
  const inner = innerCodec(kind, 'client', options.maxPacketBytes, randomBytes);
  return new ObfuscatedCodec(inner, encryptor, decryptor, header);
}

function randomHeader(randomBytes: RandomBytes): Uint8Array {
  // A working RNG needs about one try; a stuck injected one must not loop forever.
  for (let attempt = 0; attempt < 1000; attempt++) {
    const candidate = randomBytes(OBFUSCATION_HEADER_BYTES);
    if (candidate.length !== OBFUSCATION_HEADER_BYTES) {
      throw new TransportError('randomBytes returned the wrong length');
    }
    if (!isForbiddenObfuscationHeader(candidate)) return Uint8Array.from(candidate);
  }
  throw new TransportError('randomBytes keeps producing forbidden obfuscation headers');
}

/** What the server learns from a client's obfuscation header. */
export interface ObfuscationHeaderInfo {
  readonly kind: Exclude<TransportKind, 'full'>;
  /** int16 at offset 60 of the decrypted header (random if the client did not set it). */
  readonly dcId: number;
}

/**
 * Server role: reads a client's 64-byte header and returns the transport it asks for and the
 * codec for the rest of the stream (its first decode call takes the bytes after the header).
 */
export function acceptObfuscationHeader(
  header: Uint8Array,
  options: ObfuscationCrypto & { randomBytes?: RandomBytes; maxPacketBytes?: number },
): ObfuscationHeaderInfo & { codec: FrameCodec } {
  const { kind, dcId, encryptor, decryptor } = readObfuscationHeader(header, options.createAesCtr);
  const inner = innerCodec(kind, 'server', options.maxPacketBytes, options.randomBytes);
  return { kind, dcId, codec: new ObfuscatedCodec(inner, encryptor, decryptor, undefined) };
}

/** Decrypts a client's header: its transport, DC id and the server's two cipher streams. */
export function readObfuscationHeader(
  header: Uint8Array,
  createAesCtr: CreateAesCtr,
): ObfuscationHeaderInfo & { encryptor: AesCtr; decryptor: AesCtr } {
  if (header.length < OBFUSCATION_HEADER_BYTES) {
    throw new BadHeaderError('obfuscation header is shorter than 64 bytes');
  }
  const init = header.slice(0, OBFUSCATION_HEADER_BYTES);
  const decryptor = cipherFrom(createAesCtr, init);
  const encryptor = cipherFrom(createAesCtr, reversed(init));
  const plain = decryptor.update(init);
  const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  const kind = transportKindOfTag(view.getUint32(56, true));
  if (!kind) throw new BadHeaderError('obfuscation header carries no known protocol tag');
  return { kind, dcId: view.getInt16(60, true), encryptor, decryptor };
}
