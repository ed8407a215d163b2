/** The four MTProto TCP framings. `padded` is the padded intermediate transport. */
export type TransportKind = 'abridged' | 'intermediate' | 'padded' | 'full';

/**
 * `client` writes the transport tag (or obfuscation header) before its first frame and reads
 * quick-ack tokens; `server` writes no tag and reads quick-ack requests.
 */
export type CodecRole = 'client' | 'server';

/** AES-256-CTR stream state (structurally compatible with @telets/crypto's `AesCtr`). */
export interface AesCtr {
  update(data: Uint8Array): Uint8Array;
}

/** Creates an AES-256-CTR stream from a 32-byte key and a 16-byte initial counter block. */
export type CreateAesCtr = (key: Uint8Array, iv: Uint8Array) => AesCtr;

/** Returns `byteLength` cryptographically secure random bytes. */
export type RandomBytes = (byteLength: number) => Uint8Array;

/**
 * One decoded unit of the stream: a packet, or (client role, abridged/intermediate/padded) a
 * quick-ack token the server sent in place of a packet. Tokens are surfaced as received,
 * with their most significant bit set.
 */
export type Frame =
  | { readonly type: 'packet'; readonly payload: Uint8Array; readonly isQuickAckRequested: boolean }
  | { readonly type: 'quickAck'; readonly token: number };

/** The packets among decoded frames (what `decode` returns), quick-acks left out. */
export function packetsOf(frames: readonly Frame[]): Uint8Array[] {
  const packets: Uint8Array[] = [];
  for (const frame of frames) {
    if (frame.type === 'packet') packets.push(frame.payload);
  }
  return packets;
}

export interface EncodeOptions {
  /** Client role only: ask the server for a quick ack of this packet (not in `full`). */
  readonly isQuickAckRequested?: boolean;
}

/**
 * An incremental, pure framing codec. `decode` accepts any chunking of the byte stream and
 * returns whole packets; it throws a `TransportError` subclass on malformed input and
 * keeps throwing it afterwards (the stream cannot be resynchronised).
 */
export interface FrameCodec {
  readonly kind: TransportKind;
  readonly isObfuscated: boolean;
  readonly role: CodecRole;
  /** Frames one packet (length a multiple of 4); a client's first call also carries the tag. */
  encode(packet: Uint8Array, options?: EncodeOptions): Uint8Array;
  /** Server role: the bytes that acknowledge a quick-ack request with `token`. */
  encodeQuickAck(token: number): Uint8Array;
  /** Whole packets in `chunk` and earlier chunks; quick-ack tokens are dropped. */
  decode(chunk: Uint8Array): Uint8Array[];
  /** Like `decode`, but also returns quick-ack tokens and quick-ack request flags. */
  decodeFrames(chunk: Uint8Array): Frame[];
}

/** What a connection needs from a codec; both client codecs and server codecs provide it. */
export type ConnectionCodec = Pick<FrameCodec, 'encode' | 'decodeFrames'>;

/** Default largest payload accepted or produced: 16 MiB, far above any Telegram packet. */
export const DEFAULT_MAX_PACKET_BYTES: number = 16 * 1024 * 1024;

export interface CodecOptions {
  /** Defaults to `client`. */
  readonly role?: CodecRole;
  /** Largest payload in bytes; longer frames raise FrameTooLargeError before any allocation. */
  readonly maxPacketBytes?: number;
  /**
   * Whether the client writes the transport tag before its first frame. Defaults to true for
   * the client role; the obfuscated codec turns it off because the tag lives in its header.
   */
  readonly isTagWritten?: boolean;
}
