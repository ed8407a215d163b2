import { createCipheriv, randomBytes as nodeRandomBytes } from 'node:crypto';
import { concatBytes } from '@telets/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAbridgedCodec } from './abridged';
import type { AesCtr, CodecRole, FrameCodec, TransportKind } from './codec';
import { createClientCodec } from './create-codec';
import { createServerCodec } from './detect';
import { TransportError } from './errors';
import { createFullCodec } from './full';
import { createIntermediateCodec, createPaddedIntermediateCodec } from './intermediate';

function createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr {
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return { update: (data) => new Uint8Array(cipher.update(data)) };
}

const randomBytes = (n: number): Uint8Array => new Uint8Array(nodeRandomBytes(n));

// Packets as MTProto produces them: a multiple of 4 bytes, never a lone negative int32.
const packetArb = fc
  .integer({ min: 2, max: 600 })
  .chain((words) => fc.uint8Array({ minLength: words * 4, maxLength: words * 4 }));

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(at, point));
    at = point;
  }
  chunks.push(bytes.subarray(at));
  return chunks;
}

const variants: { kind: TransportKind; isObfuscated: boolean }[] = [
  { kind: 'abridged', isObfuscated: false },
  { kind: 'intermediate', isObfuscated: false },
  { kind: 'padded', isObfuscated: false },
  { kind: 'full', isObfuscated: false },
  { kind: 'abridged', isObfuscated: true },
  { kind: 'intermediate', isObfuscated: true },
  { kind: 'padded', isObfuscated: true },
];

describe('any chunking of the stream yields the same packets', () => {
  for (const { kind, isObfuscated } of variants) {
    it(`${kind}${isObfuscated ? ' obfuscated' : ''}, both directions`, () => {
      fc.assert(
        fc.property(
          fc.array(packetArb, { minLength: 1, maxLength: 6 }),
          fc.array(fc.nat(), { maxLength: 40 }),
          (packets, cuts) => {
            const client = createClientCodec({ kind, isObfuscated, createAesCtr, randomBytes });
            const server = createServerCodec({ createAesCtr, randomBytes });
            const upstream = concatBytes(...packets.map((p) => client.encode(p)));
            const received = split(upstream, cuts).flatMap((chunk) => server.decode(chunk));
            const downstream = concatBytes(...packets.map((p) => server.encode(p)));
            const replies = split(downstream, cuts).flatMap((chunk) => client.decode(chunk));
            for (const got of [received, replies]) {
              expect(got.length).toBe(packets.length);
              for (const [i, packet] of packets.entries()) {
                expect(Buffer.compare(got[i].subarray(0, packet.length), packet)).toBe(0);
                expect(got[i].length - packet.length).toBeLessThanOrEqual(
                  kind === 'padded' ? 12 : 0,
                );
              }
            }
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});

describe('quick-ack tokens interleaved with packets survive any chunking', () => {
  for (const { kind, isObfuscated } of variants.filter((v) => v.kind !== 'full')) {
    it(`${kind}${isObfuscated ? ' obfuscated' : ''}`, () => {
      const itemArb = fc.oneof(
        packetArb.map((payload) => ({ payload })),
        fc.nat({ max: 0x7fffffff }).map((token) => ({ token })),
      );
      fc.assert(
        fc.property(
          fc.array(itemArb, { minLength: 1, maxLength: 8 }),
          fc.array(fc.nat(), { maxLength: 30 }),
          (items, cuts) => {
            const client = createClientCodec({ kind, isObfuscated, createAesCtr, randomBytes });
            const server = createServerCodec({ createAesCtr, randomBytes });
            server.decode(client.encode(Uint8Array.of(1, 0, 0, 0)));
            const wire = concatBytes(
              ...items.map((item) =>
                'token' in item ? server.encodeQuickAck(item.token) : server.encode(item.payload),
              ),
            );
            const frames = split(wire, cuts).flatMap((chunk) => client.decodeFrames(chunk));
            expect(frames.length).toBe(items.length);
            for (const [i, item] of items.entries()) {
              const frame = frames[i];
              if ('token' in item) {
                expect(frame).toEqual({ type: 'quickAck', token: (item.token | 0x80000000) >>> 0 });
              } else {
                expect(frame.type).toBe('packet');
                if (frame.type !== 'packet') continue;
                const head = frame.payload.subarray(0, item.payload.length);
                expect(Buffer.compare(head, item.payload)).toBe(0);
              }
            }
          },
        ),
        { numRuns: 50 },
      );
    });
  }
});

function plainCodec(kind: TransportKind, role: CodecRole): FrameCodec {
  const options = { role, maxPacketBytes: 4096 };
  switch (kind) {
    case 'abridged':
      return createAbridgedCodec(options);
    case 'intermediate':
      return createIntermediateCodec(options);
    case 'padded':
      return createPaddedIntermediateCodec({ ...options, randomBytes });
    default:
      return createFullCodec(options);
  }
}

function decodesOrFailsTyped(decode: (chunk: Uint8Array) => unknown, chunks: Uint8Array[]): void {
  try {
    for (const chunk of chunks) decode(chunk);
  } catch (error) {
    expect(error).toBeInstanceOf(TransportError);
  }
}

describe('random bytes give packets or a typed error, never anything else', () => {
  const junk = fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 });

  for (const kind of ['abridged', 'intermediate', 'padded', 'full'] as const) {
    for (const role of ['client', 'server'] as const) {
      it(`${kind} as ${role}`, () => {
        fc.assert(
          fc.property(junk, (chunks) => {
            const codec = plainCodec(kind, role);
            decodesOrFailsTyped((chunk) => codec.decodeFrames(chunk), chunks);
          }),
          { numRuns: 200 },
        );
      });
    }
  }

  it('the detecting server codec', () => {
    fc.assert(
      fc.property(junk, (chunks) => {
        const server = createServerCodec({ createAesCtr, randomBytes, maxPacketBytes: 4096 });
        decodesOrFailsTyped((chunk) => server.decodeFrames(chunk), chunks);
      }),
      { numRuns: 300 },
    );
  });

  it('an obfuscated client reading garbage', () => {
    fc.assert(
      fc.property(junk, (chunks) => {
        const client = createClientCodec({
          kind: 'intermediate',
          isObfuscated: true,
          createAesCtr,
          randomBytes,
          maxPacketBytes: 4096,
        });
        decodesOrFailsTyped((chunk) => client.decodeFrames(chunk), chunks);
      }),
      { numRuns: 200 },
    );
  });

  it('valid frames followed by garbage still yield the valid packets first', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { minLength: 1, maxLength: 3 }), junk, (packets, chunks) => {
        const client = createClientCodec({ kind: 'full' });
        const server = createFullCodec({ role: 'server' });
        const good = concatBytes(...packets.map((p) => client.encode(p)));
        const decoded = server.decode(good);
        expect(decoded.length).toBe(packets.length);
        for (const [i, p] of packets.entries()) expect(Buffer.compare(decoded[i], p)).toBe(0);
        decodesOrFailsTyped((chunk) => server.decode(chunk), chunks);
      }),
      { numRuns: 100 },
    );
  });
});
