// UTF-8 for TL strings. Very short strings are decoded by hand,
// because TextDecoder/TextEncoder cost more in call overhead than the work itself at that size.
// Decoding is strict: invalid input is reported, never replaced with U+FFFD.

// Measured crossover: below ~12 bytes the hand-written loop beats TextDecoder, above it loses.
const SHORT_DECODE_BYTES = 12;

// Structural types: the globals' declared types differ between the DOM lib and @types/node.
let decoder: { decode(input: Uint8Array): string } | undefined;
let encoder: { encodeInto(s: string, out: Uint8Array): { written?: number } } | undefined;

function decodeShort(d: Uint8Array, start: number, end: number): string | undefined {
  let s = '';
  let i = start;
  while (i < end) {
    const b = d[i++];
    if (b < 0x80) {
      s += String.fromCharCode(b);
      continue;
    }
    let cp: number;
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else {
      return undefined;
    }
    if (i + need > end) return undefined;
    for (let k = 0; k < need; k++) {
      const c = d[i++];
      if (c < lo || c > hi) return undefined;
      lo = 0x80;
      hi = 0xbf;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp > 0xffff) {
      cp -= 0x10000;
      s += String.fromCharCode(0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff));
    } else {
      s += String.fromCharCode(cp);
    }
  }
  return s;
}

/** Decodes d[start, end) as strict UTF-8; undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(d: Uint8Array, start: number, end: number): string | undefined {
  if (end - start <= SHORT_DECODE_BYTES) return decodeShort(d, start, end);
  decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return decoder.decode(d.subarray(start, end));
  } catch {
    return undefined;
  }
}

/**
 * Encodes `s` into `out` at `at` (the caller guarantees 3 bytes of room per UTF-16 unit) and
 * returns the number of bytes written. Lone surrogates become U+FFFD, as TextEncoder does.
 */
export function encodeUtf8Into(s: string, out: Uint8Array, at: number): number {
  if (s.length > 64) {
    encoder ??= new TextEncoder();
    return encoder.encodeInto(s, out.subarray(at)).written ?? 0;
  }
  let p = at;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[p++] = 0xf0 | (cp >> 18);
          out[p++] = 0x80 | ((cp >> 12) & 0x3f);
          out[p++] = 0x80 | ((cp >> 6) & 0x3f);
          out[p++] = 0x80 | (cp & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p - at;
}
