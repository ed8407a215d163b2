import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SessionFormatError } from './errors.js';
import { Session } from './session.js';
import { deserializeSession, serializeSession } from './session-codec.js';
import { decodeStringSession, encodeStringSession } from './string-session.js';
import { sampleAuthKey, sampleSession } from './testing/sample.js';

const dcArb = fc.record(
  {
    id: fc.integer({ min: 1, max: 0xffff }),
    ipAddress: fc.oneof(fc.ipV4(), fc.ipV6(), fc.domain()),
    ipv6: fc.ipV6(),
    port: fc.integer({ min: 1, max: 0xffff }),
    isTest: fc.constant(true),
    authKey: fc.uint8Array({ minLength: 256, maxLength: 256 }),
  },
  { requiredKeys: ['id', 'ipAddress', 'port'] },
);
const int32 = fc.integer({ min: -0x80000000, max: 0x7fffffff });
const sessionArb = fc
  .record({
    homeDcId: fc.integer({ min: 1, max: 0xffff }),
    dcs: fc.array(dcArb, { maxLength: 6 }),
    user: fc.option(
      fc.record({
        id: fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
        isBot: fc.boolean(),
      }),
      { nil: undefined },
    ),
    updateState: fc.option(fc.record({ pts: int32, qts: int32, date: int32, seq: int32 }), {
      nil: undefined,
    }),
    channelPts: fc.array(fc.tuple(fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }), int32), {
      maxLength: 5,
    }),
  })
  .map((init) => new Session(init));

const tiny = (): Session =>
  new Session({ homeDcId: 2, dcs: [{ id: 2, ipAddress: '127.0.0.1', port: 443 }] });

function formatError(fn: () => unknown): SessionFormatError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SessionFormatError);
    return e as SessionFormatError;
  }
  throw new Error('expected a SessionFormatError');
}

describe('telets string sessions', () => {
  it('round-trip every field of any valid session', () => {
    fc.assert(
      fc.property(sessionArb, (session) => {
        const text = encodeStringSession(session);
        expect(text).toMatch(/^telets1\.[A-Za-z0-9_-]+$/);
        expect(decodeStringSession(text).equals(session)).toBe(true);
        expect(deserializeSession(serializeSession(session)).equals(session)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('round-trips the sample session with five DCs', () => {
    const s = sampleSession();
    const back = decodeStringSession(encodeStringSession(s));
    expect(back.equals(s)).toBe(true);
    expect(back.user?.id).toBe(9_007_199_254_740_994n);
    expect(back.getDc(5)?.isTest).toBe(true);
    expect(back.getDc(2)?.ipv6).toBe('2001:67c:4e8:f002::a');
  });

  it('keeps a stable byte layout (golden vector)', () => {
    // Pinned so that a change of layout is noticed: strings already handed out must keep working.
    const s = new Session({
      homeDcId: 2,
      dcs: [{ id: 2, ipAddress: '1.2.3.4', port: 443 }],
      user: { id: 5n, isBot: false },
      updateState: { pts: 1, qts: 2, date: 3, seq: 4 },
      channelPts: [[7n, 8]],
    });
    const body = [
      '0000003a', // body length 58
      '01', // version
      '05', // flags: user, update state
      '0002', // home DC
      '01', // one DC
      '0002',
      '00',
      '07',
      Buffer.from('1.2.3.4').toString('hex'),
      '01bb', // DC 2, no flags, address, port
      '0000000000000005', // user id
      '00000001',
      '00000002',
      '00000003',
      '00000004', // pts qts date seq
      '00000001',
      '0000000000000007',
      '00000008', // one channel: id 7, pts 8
    ].join('');
    const bytes = Buffer.from(body, 'hex');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlibCrc32(bytes));
    const expected = `telets1.${Buffer.concat([bytes, crc]).toString('base64url')}`;
    expect(encodeStringSession(s)).toBe(expected);
    expect(expected).toBe(
      'telets1.AAAAOgEFAAIBAAIABzEuMi4zLjQBuwAAAAAAAAAFAAAAAQAAAAIAAAADAAAABAAAAAEAAAAAAAAABwAAAAh2VuDQ',
    );
  });

  it('tolerates surrounding whitespace', () => {
    expect(decodeStringSession(`  ${encodeStringSession(tiny())}\n`).equals(tiny())).toBe(true);
  });

  it('says what was expected when the prefix is wrong', () => {
    expect(formatError(() => decodeStringSession('')).message).toMatch(
      /expected it to start with "telets1\.", found an empty string/,
    );
    const telethon = formatError(() => decodeStringSession('1ApWapygAUChJS1'));
    expect(telethon.message).toMatch(/found "1ApWap…" \(15 characters\)/);
    expect(telethon.format).toBe('telets');
    expect(formatError(() => decodeStringSession('telets2.AAAA')).message).toMatch(
      /expected format version 1, found version 2/,
    );
  });

  it('reports truncation with the expected and found sizes', () => {
    const text = encodeStringSession(sampleSession());
    const full = serializeSession(sampleSession()).length;
    const cut = text.slice(0, text.length - 40);
    const error = formatError(() => decodeStringSession(cut));
    expect(error.message).toMatch(
      new RegExp(`truncated: expected ${full} bytes, found ${full - 30}`),
    );
    expect(formatError(() => decodeStringSession('telets1.AAA')).message).toMatch(
      /truncated: expected at least 8 bytes, found 2/,
    );
  });

  it('reports bad characters, extra data and damaged data', () => {
    const text = encodeStringSession(tiny());
    expect(
      formatError(() => decodeStringSession(`${text.slice(0, 20)}+${text.slice(21)}`)).message,
    ).toMatch(/unexpected character "\+" at position 12/);
    expect(formatError(() => decodeStringSession(`${text}AAAA`)).message).toMatch(
      /expected \d+ bytes, found \d+ \(extra data after the end\)/,
    );
    const body = text.slice(8);
    const flipped = `telets1.${body.slice(0, 15)}${body[15] === 'A' ? 'B' : 'A'}${body.slice(16)}`;
    expect(formatError(() => decodeStringSession(flipped)).message).toMatch(
      /checksum mismatch: expected 0x[0-9a-f]{8}, found 0x[0-9a-f]{8}/,
    );
  });

  it('never puts key bytes in an error message', () => {
    const s = sampleSession();
    const text = encodeStringSession(s);
    const keyHex = Buffer.from(sampleAuthKey(1)).toString('hex').slice(0, 12);
    for (let cut = 9; cut < text.length; cut += 37) {
      const e = formatError(() => decodeStringSession(text.slice(0, cut)));
      expect(e.message).not.toContain(keyHex);
      expect(e.message).not.toContain(text.slice(20, 40));
    }
  });
});
