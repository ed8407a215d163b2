/**
 * Base class of every transport-level failure: framing, obfuscation and connections.
 * After a decode error the byte stream is unrecoverable; close the connection.
 */
export class TransportError extends Error {
  override name = 'TransportError';
}

const transportCodeMeanings: Record<number, string> = {
  403: 'forbidden (the server refused this transport or connection)',
  404: 'auth key not found (the server does not know the auth key in use)',
  429: 'too many connections from this address (transport flood)',
  444: 'invalid DC id (the DC id in the obfuscated header is unknown)',
};

/** Human explanation of a transport error code such as -404; never contains payload bytes. */
export function describeTransportCode(code: number): string {
  return transportCodeMeanings[Math.abs(code)] ?? 'unknown transport error';
}

/**
 * The peer sent a 4-byte packet holding a negative number instead of a message:
 * Telegram's transport-level error (e.g. -404, -429, -444).
 */
export class TransportCodeError extends TransportError {
  override name = 'TransportCodeError';
  /** The negative code as sent, e.g. -404. */
  readonly code: number;

  constructor(code: number) {
    super(`transport error ${code}: ${describeTransportCode(code)}`);
    this.code = code;
  }
}

/** A frame declared (or a packet to send has) more bytes than the configured maximum. */
export class FrameTooLargeError extends TransportError {
  override name = 'FrameTooLargeError';
  readonly byteLength: number;
  readonly maxBytes: number;

  constructor(byteLength: number, maxBytes: number) {
    super(`frame of ${byteLength} bytes exceeds the maximum of ${maxBytes} bytes`);
    this.byteLength = byteLength;
    this.maxBytes = maxBytes;
  }
}

/** The CRC32 of a full-transport frame does not match its contents. */
export class BadCrcError extends TransportError {
  override name = 'BadCrcError';
  readonly expected: number;
  readonly received: number;

  constructor(expected: number, received: number) {
    super(
      `bad CRC32 in full-transport frame (expected ${hex32(expected)}, got ${hex32(received)})`,
    );
    this.expected = expected;
    this.received = received;
  }
}

/** A full-transport frame carries a sequence number other than the one expected. */
export class BadSequenceError extends TransportError {
  override name = 'BadSequenceError';
  readonly expected: number;
  readonly received: number;

  constructor(expected: number, received: number) {
    super(`bad sequence number in full-transport frame (expected ${expected}, got ${received})`);
    this.expected = expected;
    this.received = received;
  }
}

/**
 * The bytes cannot be a frame of the transport in use: a malformed length, an unknown
 * transport tag, an HTTP/TLS preamble, or misuse such as a packet not aligned to 4 bytes.
 */
export class BadHeaderError extends TransportError {
  override name = 'BadHeaderError';
}

function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
