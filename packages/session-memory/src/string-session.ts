import { SessionFormatError } from './errors.js';
import { Base64Problem, decodeBase64, encodeBase64 } from './internal/base64.js';
import type { Session } from './session.js';
import { deserializeSession, serializeSession } from './session-codec.js';

/** Every telets string session starts with this; the digit after "telets" is the version. */
export const STRING_SESSION_PREFIX = 'telets1.';
const LABEL = 'telets string session';

/**
 * Encodes every field of a Session as `telets1.` followed by URL-safe base64 (no padding) of the
 * versioned, checksummed binary form. Anyone holding the string can use the account.
 */
export function encodeStringSession(session: Session): string {
  return STRING_SESSION_PREFIX + encodeBase64(serializeSession(session), 'url', false);
}

/** Decodes a string made by encodeStringSession; errors say what was expected and found. */
export function decodeStringSession(text: string): Session {
  const fail = (problem: string): never => {
    throw new SessionFormatError('telets', `Invalid ${LABEL}: ${problem}`);
  };
  if (typeof text !== 'string') return fail(`expected a string, found ${typeof text}`);
  const trimmed = text.trim();
  const match = /^telets(\d+)\./.exec(trimmed);
  if (!match) {
    const found = trimmed.length === 0 ? 'an empty string' : `${describeStart(trimmed)}`;
    return fail(`expected it to start with "${STRING_SESSION_PREFIX}", found ${found}`);
  }
  if (match[1] !== '1') {
    return fail(`expected format version 1, found version ${match[1]} (made by a newer telets?)`);
  }
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(trimmed.slice(match[0].length), 'url');
  } catch (e) {
    if (e instanceof Base64Problem) return fail(e.message);
    throw e;
  }
  return deserializeSession(bytes, LABEL);
}

/** The first characters of a string, for an error message (never the whole secret). */
export function describeStart(text: string): string {
  return `"${text.slice(0, 6)}${text.length > 6 ? '…' : ''}" (${text.length} characters)`;
}
