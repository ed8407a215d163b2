// Base64 without Buffer (portable). Decoding reports the first bad character and where it is,
// because a user pasting a session string wants to know what broke it.

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export type Base64Alphabet = 'standard' | 'url';

const STANDARD_CODES = Uint8Array.from(STANDARD, (c) => c.charCodeAt(0));
const URL_SAFE_CODES = Uint8Array.from(URL_SAFE, (c) => c.charCodeAt(0));
const ascii = new TextDecoder('latin1');

export function encodeBase64(bytes: Uint8Array, alphabet: Base64Alphabet, pad: boolean): string {
  const chars = alphabet === 'url' ? URL_SAFE_CODES : STANDARD_CODES;
  // Written into a byte buffer and decoded once: much faster than growing a string.
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = chars[n >>> 18];
    out[o++] = chars[(n >>> 12) & 63];
    out[o++] = chars[(n >>> 6) & 63];
    out[o++] = chars[n & 63];
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0);
    out[o++] = chars[n >>> 18];
    out[o++] = chars[(n >>> 12) & 63];
    if (rest === 2) out[o++] = chars[(n >>> 6) & 63];
    if (pad) {
      out[o++] = 61;
      if (rest === 1) out[o++] = 61;
    }
  }
  return ascii.decode(out.subarray(0, o));
}

/** Thrown by decodeBase64 with a message that the caller prefixes with the format's name. */
export class Base64Problem extends Error {}

function sextetOf(code: number, alphabet: Base64Alphabet): number {
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 71;
  if (code >= 48 && code <= 57) return code + 4;
  if (alphabet === 'url') {
    if (code === 45) return 62;
    if (code === 95) return 63;
  } else {
    if (code === 43) return 62;
    if (code === 47) return 63;
  }
  return -1;
}

/** Decodes base64 of the given alphabet; trailing '=' padding is optional. */
export function decodeBase64(text: string, alphabet: Base64Alphabet): Uint8Array {
  let end = text.length;
  while (end > 0 && text[end - 1] === '=') end--;
  if (text.length - end > 2) throw new Base64Problem('too much "=" padding at the end');
  const expected = alphabet === 'url' ? 'A-Z, a-z, 0-9, "-" and "_"' : 'A-Z, a-z, 0-9, "+" and "/"';
  if (end % 4 === 1) {
    throw new Base64Problem(
      `base64 length is impossible (${end} characters; a length of 4n+1 means the text was cut)`,
    );
  }
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const v = sextetOf(text.charCodeAt(i), alphabet);
    if (v < 0) {
      throw new Base64Problem(
        `unexpected character ${JSON.stringify(text[i])} at position ${i}; expected only ${expected}`,
      );
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  return out;
}
