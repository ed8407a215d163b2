import { nodeCrypto } from '@telets/crypto/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EncryptedCodec } from '../src/mtproto/encrypted-codec';
import { parseRpcErrorMessage, RpcError, SecurityError } from '../src/mtproto/errors';
import {
  decodeClientDhInnerData,
  decodeDhGen,
  decodePqInnerData,
  decodeReqDhParams,
  decodeReqPq,
  decodeResPq,
  decodeServerDhInnerData,
  decodeServerDhParams,
  decodeSetClientDhParams,
} from '../src/mtproto/handshake-tl';
import {
  decodeContainer,
  encodeContainer,
  encodeGzipPacked,
  unwrapGzip,
} from '../src/mtproto/message-codec';
import { MsgIdGenerator, msgIdSeconds } from '../src/mtproto/msg-id';
import { MsgIdWindow } from '../src/mtproto/msg-id-window';
import { decodePlainMessage, encodePlainMessage } from '../src/mtproto/plain-message';
import { SeqNoCounter } from '../src/mtproto/seq-no';
import { backoffDelayMs } from '../src/sender/backoff';
import { hex, SAMPLE } from './fixtures/samples-auth-key';
import { seededRandom } from './helpers';

describe('RPC error names', () => {
  it.each([
    ['FLOOD_WAIT_31', 'FLOOD_WAIT', 31],
    ['PHONE_MIGRATE_2', 'PHONE_MIGRATE', 2],
    ['FILE_PART_3_MISSING', 'FILE_PART_MISSING', 3],
    ['2FA_CONFIRM_WAIT_10', '2FA_CONFIRM_WAIT', 10],
    ['AUTH_KEY_UNREGISTERED', 'AUTH_KEY_UNREGISTERED', undefined],
  ])('%s -> %s / %s', (message, name, value) => {
    expect(parseRpcErrorMessage(message)).toEqual({ name, value });
  });

  it('formats the message with the code and the request', () => {
    const error = new RpcError(303, 'PHONE_MIGRATE_4', 'auth.sendCode');
    expect(error.message).toBe('303 PHONE_MIGRATE_4 (caused by auth.sendCode)');
    expect(error).toMatchObject({
      code: 303,
      name: 'PHONE_MIGRATE',
      value: 4,
      request: 'auth.sendCode',
    });
  });
});

describe('MsgIdGenerator', () => {
  it('computes unixtime * 2^32 plus the fraction, divisible by 4, strictly increasing', () => {
    let now = 1_705_754_876_500;
    const ids = new MsgIdGenerator({ nowMs: () => now });
    const first = ids.next();
    expect(first >> 32n).toBe(1_705_754_876n);
    expect(first & 0xffffffffn).toBe(BigInt(Math.floor(0.5 * 2 ** 32)) & ~3n);
    const second = ids.next();
    expect(second).toBe(first + 4n);
    now -= 5_000; // the wall clock stepped back: ids still increase
    expect(ids.next()).toBe(second + 4n);
    for (let i = 0; i < 100; i++) expect(ids.next() % 4n).toBe(0n);
  });

  it('uses 1 mod 4 for server responses and 3 mod 4 for other server messages', () => {
    const ids = new MsgIdGenerator({ nowMs: () => 1_000_000 });
    const response = ids.next('server-response');
    const other = ids.next('server-other');
    expect(response % 4n).toBe(1n);
    expect(other % 4n).toBe(3n);
    expect(other > response).toBe(true);
  });

  it('applies the server time offset and resyncs from a server msg_id', () => {
    const ids = new MsgIdGenerator({ nowMs: () => 1_000_000_000, timeOffsetSeconds: 30 });
    expect(ids.next() >> 32n).toBe(1_000_030n);
    ids.syncToServerMsgId((1_000_100n << 32n) | 1n);
    expect(ids.timeOffsetSeconds).toBe(100);
    expect(ids.next() >> 32n).toBe(1_000_100n);
    ids.syncToServerTime(999_000);
    expect(ids.next() >> 32n).toBe(999_000n); // may go down after a correction
    expect(msgIdSeconds(SAMPLE.reqPqMsgId)).toBeCloseTo(1_705_754_876, 0);
  });
});

describe('MsgIdWindow and SeqNoCounter', () => {
  it('rejects duplicates, ids below a full window and ids outside the time window', () => {
    const window = new MsgIdWindow(3);
    const at = (seconds: number, n: number): bigint => (BigInt(seconds) << 32n) | BigInt(n * 4 + 1);
    for (const n of [1, 2, 3]) window.record(at(1000, n));
    expect(window.check(at(1000, 2))).toBe('duplicate');
    expect(window.check(at(1000, 0))).toBe('too-old');
    expect(window.check(at(1000, 4))).toBe('ok');
    window.record(at(1000, 4));
    expect(window.has(at(1000, 1))).toBe(false);
    expect(window.check(at(1031, 9), 1000)).toBe('too-far-future');
    expect(window.check(at(699, 9), 1000)).toBe('too-old');
    expect(window.check(at(1029, 9), 1000)).toBe('ok');
  });

  it('numbers content-related messages odd and the others even', () => {
    const seq = new SeqNoCounter();
    expect([
      seq.next(true),
      seq.next(false),
      seq.next(true),
      seq.next(true),
      seq.next(false),
    ]).toEqual([1, 2, 3, 5, 6]);
  });
});

describe('message codec', () => {
  it('round-trips containers and rejects any malformed one with SecurityError', () => {
    const messages = [
      { msgId: 5n, seqNo: 1, body: Uint8Array.of(1, 2, 3, 4) },
      { msgId: 9n, seqNo: 2, body: new Uint8Array(0) },
    ];
    expect(decodeContainer(encodeContainer(messages))).toEqual(messages);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const data = Uint8Array.from([0xdc, 0xf8, 0xf1, 0x73, ...bytes]);
        try {
          decodeContainer(data);
        } catch (error) {
          expect(error).toBeInstanceOf(SecurityError);
        }
      }),
    );
  });

  it('unwraps gzip_packed', () => {
    const body = new TextEncoder().encode('x'.repeat(2048));
    expect(unwrapGzip(encodeGzipPacked(body))).toEqual(body);
  });

  it('encodes and decodes plain messages (samples-auth_key step 1)', () => {
    const packet = hex(SAMPLE.reqPqMultiPacket);
    const { msgId, body } = decodePlainMessage(packet);
    expect(encodePlainMessage(msgId, body)).toEqual(packet);
    const padded = Uint8Array.from([...packet, 1, 2, 3]);
    expect(decodePlainMessage(padded).body).toEqual(body);
    expect(() => decodePlainMessage(packet.subarray(0, 30))).toThrow(SecurityError);
    const keyed = packet.slice();
    keyed[0] = 1;
    expect(() => decodePlainMessage(keyed)).toThrow(SecurityError);
  });
});

describe('EncryptedCodec', () => {
  const authKey = seededRandom(77)(256);
  const client = new EncryptedCodec({ crypto: nodeCrypto, authKey, role: 'client' });
  const server = new EncryptedCodec({ crypto: nodeCrypto, authKey, role: 'server' });

  it('round-trips both directions and refuses every corrupted packet', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }).map((bytes) => bytes.subarray(0, bytes.length & ~3)),
        fc.bigInt({ min: 0n, max: 2n ** 60n }),
        fc.nat(),
        fc.nat(),
        (body, base, flipAt, flipBit) => {
          const envelope = { salt: 7n, sessionId: -3n, msgId: base * 4n, seqNo: 3, body };
          expect(server.decrypt(client.encrypt(envelope))).toEqual(envelope);
          const reply = { ...envelope, msgId: base * 4n + 1n };
          const packet = server.encrypt(reply);
          expect(client.decrypt(packet)).toEqual(reply);
          const corrupted = packet.slice();
          corrupted[flipAt % corrupted.length] ^= 1 << (flipBit % 8);
          expect(() => client.decrypt(corrupted)).toThrow(SecurityError);
          // A packet is never accepted in the direction it was not made for.
          expect(() => server.decrypt(packet)).toThrow(SecurityError);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('backoff', () => {
  it('grows exponentially, stays within the jitter band and the maximum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, unit) => {
          const options = { initialDelayMs: 100, maxDelayMs: 5_000, jitter: 0.3 };
          const base = Math.min(5_000, 100 * 2 ** (attempt - 1));
          const delay = backoffDelayMs(attempt, options, unit);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.7));
          expect(delay).toBeLessThanOrEqual(Math.min(5_000, Math.ceil(base * 1.3)));
        },
      ),
    );
  });
});

describe('handshake message codecs', () => {
  it('read random and truncated bytes as a value or a SecurityError, nothing else', () => {
    const decoders = [
      decodeResPq,
      decodeReqPq,
      decodeReqDhParams,
      decodeServerDhParams,
      decodeSetClientDhParams,
      decodeDhGen,
      decodePqInnerData,
      (data: Uint8Array) => decodeServerDhInnerData(data).value,
      (data: Uint8Array) => decodeClientDhInnerData(data).value,
    ];
    const resPq = hex(SAMPLE.resPqPacket).subarray(20);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.nat({ max: resPq.length }).map((n) => resPq.subarray(0, n)),
        ),
        (bytes) => {
          for (const decode of decoders) {
            try {
              decode(bytes);
            } catch (error) {
              expect(error).toBeInstanceOf(SecurityError);
            }
          }
        },
      ),
    );
    expect(decodeResPq(resPq).pq).toEqual(hex('1460E7D3FA727791'));
  });
});
