import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base64Problem, decodeBase64, encodeBase64 } from './base64.js';
import { crc32 } from './crc32.js';
import { formatIpv4, formatIpv6, parseIpv4, parseIpv6 } from './ip.js';

describe('crc32', () => {
  it('matches the published check value of CRC-32/ISO-HDLC', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe('base64', () => {
  it('agrees with Node for both alphabets, with and without padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const buf = Buffer.from(bytes);
        expect(encodeBase64(bytes, 'standard', true)).toBe(buf.toString('base64'));
        expect(encodeBase64(bytes, 'url', false)).toBe(buf.toString('base64url'));
        expect(decodeBase64(buf.toString('base64'), 'standard')).toEqual(bytes);
        expect(decodeBase64(buf.toString('base64url'), 'url')).toEqual(bytes);
      }),
    );
  });

  it('names the bad character and its position', () => {
    expect(() => decodeBase64('AAAA+AAA', 'url')).toThrow(
      /unexpected character "\+" at position 4; expected only A-Z, a-z, 0-9, "-" and "_"/,
    );
    expect(() => decodeBase64('AA_A', 'standard')).toThrow(Base64Problem);
    expect(() => decodeBase64('AAAAA', 'url')).toThrow(/4n\+1/);
    expect(() => decodeBase64('AA===', 'url')).toThrow(/padding/);
  });
});

describe('IP addresses', () => {
  it('prints IPv6 the way Python ipaddress compresses it', () => {
    expect(formatIpv6(parseIpv6('2001:b28:f23d:f001::e') as Uint8Array)).toBe(
      '2001:b28:f23d:f001::e',
    );
    expect(formatIpv6(parseIpv6('2001:0:0:1:0:0:0:1') as Uint8Array)).toBe('2001:0:0:1::1');
    expect(formatIpv6(new Uint8Array(16))).toBe('::');
    expect(formatIpv6(parseIpv6('1:2:3:4:5:6:7:8') as Uint8Array)).toBe('1:2:3:4:5:6:7:8');
    expect(formatIpv6(parseIpv6('1:0:3:4:5:6:7:8') as Uint8Array)).toBe('1:0:3:4:5:6:7:8');
  });

  it('parses and rejects addresses', () => {
    expect(formatIpv4(parseIpv4('149.154.167.40') as Uint8Array)).toBe('149.154.167.40');
    expect(parseIpv4('256.1.1.1')).toBeUndefined();
    expect(parseIpv4('1.2.3')).toBeUndefined();
    expect(parseIpv6('1::2::3')).toBeUndefined();
    expect(parseIpv6('1:2:3:4:5:6:7')).toBeUndefined();
    expect(parseIpv6('example.org')).toBeUndefined();
  });
});
