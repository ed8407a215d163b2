import { type SessionFormat, SessionFormatError, SessionValidationError } from './errors.js';
import { Base64Problem, decodeBase64, encodeBase64 } from './internal/base64.js';
import { ByteReader, fromUtf8, utf8 } from './internal/bytes.js';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './internal/ip.js';
import { AUTH_KEY_BYTES, type DcSession, Session } from './session.js';
import { decodeStringSession, describeStart, STRING_SESSION_PREFIX } from './string-session.js';

export interface ImportOptions {
  /** Mark the imported DC as a test DC (neither foreign format records this). */
  isTest?: boolean;
}

const TELETHON = 'Telethon string session';
const GRAMJS = 'GramJS string session';

function problem(format: SessionFormat, label: string, what: string): never {
  throw new SessionFormatError(format, `Invalid ${label}: ${what}`);
}

function decode(
  text: string,
  format: SessionFormat,
  label: string,
  alphabet: 'url' | 'standard',
): Uint8Array {
  if (typeof text !== 'string')
    return problem(format, label, `expected a string, found ${typeof text}`);
  const trimmed = text.trim();
  if (trimmed[0] !== '1') {
    const found = trimmed.length === 0 ? 'an empty string' : describeStart(trimmed);
    return problem(format, label, `expected version "1" as the first character, found ${found}`);
  }
  try {
    return decodeBase64(trimmed.slice(1), alphabet);
  } catch (e) {
    if (e instanceof Base64Problem) return problem(format, label, e.message);
    throw e;
  }
}

function build(format: SessionFormat, label: string, dc: DcSession): Session {
  try {
    return new Session({ homeDcId: dc.id, dcs: [dc] });
  } catch (e) {
    if (e instanceof SessionValidationError) return problem(format, label, e.message);
    throw e;
  }
}

function keyOrNone(key: Uint8Array): Uint8Array | undefined {
  // Telethon writes 256 zero bytes when it has no key.
  return key.some((b) => b !== 0) ? key : undefined;
}

/**
 * Reads a Telethon (v1) StringSession: "1" + URL-safe base64 of struct '>B{4|16}sH256s'
 * (DC id, packed IPv4 or IPv6 address, port, auth key).
 */
export function importTelethonStringSession(text: string, options: ImportOptions = {}): Session {
  const bytes = decode(text, 'telethon', TELETHON, 'url');
  const ipLength =
    bytes.length === 1 + 4 + 2 + 256 ? 4 : bytes.length === 1 + 16 + 2 + 256 ? 16 : 0;
  if (ipLength === 0) {
    problem(
      'telethon',
      TELETHON,
      `expected 263 bytes (IPv4) or 275 bytes (IPv6) after base64 decoding, found ${bytes.length}`,
    );
  }
  const r = new ByteReader(bytes, 'telethon', TELETHON);
  const id = r.u8('DC id');
  const ip = r.bytes(ipLength, 'address');
  const port = r.u16('port');
  const key = keyOrNone(r.bytes(AUTH_KEY_BYTES, 'auth key'));
  const ipAddress = ipLength === 4 ? formatIpv4(ip) : formatIpv6(ip);
  return build('telethon', TELETHON, {
    id,
    ipAddress,
    port,
    ...(options.isTest ? { isTest: true } : {}),
    ...(key ? { authKey: key } : {}),
  });
}

/**
 * Reads a GramJS StringSession: "1" + standard base64 of DC id (1 byte), address length (2 bytes
 * big-endian), address (text), port (2 bytes big-endian), auth key (the rest, 256 bytes).
 */
export function importGramjsStringSession(text: string, options: ImportOptions = {}): Session {
  const bytes = decode(text, 'gramjs', GRAMJS, 'standard');
  const r = new ByteReader(bytes, 'gramjs', GRAMJS);
  const id = r.u8('DC id');
  const addressLength = r.u16('address length');
  let ipAddress: string;
  try {
    ipAddress = fromUtf8(r.bytes(addressLength, 'address'));
  } catch (e) {
    if (e instanceof SessionFormatError) throw e;
    return problem('gramjs', GRAMJS, 'the address is not valid UTF-8');
  }
  const port = r.u16('port');
  if (r.remaining !== AUTH_KEY_BYTES) {
    problem(
      'gramjs',
      GRAMJS,
      `expected a ${AUTH_KEY_BYTES}-byte auth key after the port, found ${r.remaining} byte(s)`,
    );
  }
  const key = r.bytes(AUTH_KEY_BYTES, 'auth key');
  return build('gramjs', GRAMJS, {
    id,
    ipAddress,
    port,
    ...(options.isTest ? { isTest: true } : {}),
    authKey: key,
  });
}

function homeWithKey(session: Session, label: string): DcSession & { authKey: Uint8Array } {
  const dc = session.homeDc;
  if (!dc?.authKey) {
    throw new SessionValidationError(
      `cannot export a ${label}: the home DC ${session.homeDcId} has no auth key`,
    );
  }
  return dc as DcSession & { authKey: Uint8Array };
}

/** Writes the home DC as a Telethon (v1) StringSession. Other DCs and state are not kept. */
export function exportTelethonStringSession(session: Session): string {
  const dc = homeWithKey(session, TELETHON);
  const ip = parseIpv4(dc.ipAddress) ?? parseIpv6(dc.ipAddress);
  if (!ip) {
    throw new SessionValidationError(
      `cannot export a ${TELETHON}: the address of DC ${dc.id} is not an IP address`,
    );
  }
  if (dc.id > 255) throw new SessionValidationError(`cannot export a ${TELETHON}: DC id over 255`);
  const out = new Uint8Array(1 + ip.length + 2 + AUTH_KEY_BYTES);
  out[0] = dc.id;
  out.set(ip, 1);
  new DataView(out.buffer).setUint16(1 + ip.length, dc.port);
  out.set(dc.authKey, 3 + ip.length);
  return `1${encodeBase64(out, 'url', true)}`;
}

/** Writes the home DC as a GramJS StringSession. Other DCs and state are not kept. */
export function exportGramjsStringSession(session: Session): string {
  const dc = homeWithKey(session, GRAMJS);
  if (dc.id > 255) throw new SessionValidationError(`cannot export a ${GRAMJS}: DC id over 255`);
  const address = utf8(dc.ipAddress);
  const out = new Uint8Array(1 + 2 + address.length + 2 + AUTH_KEY_BYTES);
  const view = new DataView(out.buffer);
  out[0] = dc.id;
  view.setUint16(1, address.length);
  out.set(address, 3);
  view.setUint16(3 + address.length, dc.port);
  out.set(dc.authKey, 5 + address.length);
  return `1${encodeBase64(out, 'standard', true)}`;
}

export type StringSessionFormat = 'telets' | 'telethon' | 'gramjs';

/**
 * Guesses the format of a string session without decoding it fully: telets strings start with
 * "telets"; GramJS and Telethon both start with "1" and are told apart by the alphabet ("+" "/"
 * only in GramJS, "-" "_" only in Telethon) and then by whether the bytes hold a GramJS address.
 */
export function detectStringSessionFormat(text: string): StringSessionFormat | undefined {
  const s = typeof text === 'string' ? text.trim() : '';
  if (s.startsWith('telets')) return 'telets';
  if (s[0] !== '1') return undefined;
  const body = s.slice(1);
  if (/[+/]/.test(body)) return 'gramjs';
  if (/[-_]/.test(body)) return 'telethon';
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(body, 'url');
  } catch {
    return undefined;
  }
  if (bytes.length >= 3) {
    const addressLength = (bytes[1] << 8) | bytes[2];
    if (bytes.length === 1 + 2 + addressLength + 2 + AUTH_KEY_BYTES && addressLength > 0) {
      const address = bytes.subarray(3, 3 + addressLength);
      if (address.every((b) => b >= 0x20 && b < 0x7f)) return 'gramjs';
    }
  }
  return 'telethon';
}

/** Reads a telets, Telethon or GramJS string session, detecting which it is. */
export function importStringSession(text: string, options: ImportOptions = {}): Session {
  const format = detectStringSessionFormat(text);
  if (format === 'telets') return decodeStringSession(text);
  if (format === 'telethon') return importTelethonStringSession(text, options);
  if (format === 'gramjs') return importGramjsStringSession(text, options);
  const s = typeof text === 'string' ? text.trim() : '';
  throw new SessionFormatError(
    'unknown',
    `Unrecognised string session: expected "${STRING_SESSION_PREFIX}…" (telets) or "1…" (Telethon, GramJS), found ${
      s.length === 0 ? 'an empty string' : describeStart(s)
    }`,
  );
}
