import { createCipheriv, randomBytes as nodeRandomBytes } from 'node:crypto';
import { fromHex } from '@telets/crypto';
import { describe, expect, it } from 'vitest';
import type { AesCtr, TransportKind } from './codec';
import { createClientCodec } from './create-codec';
import { createServerCodec, detectTransport } from './detect';
import { BadHeaderError, TransportError } from './errors';
import {
  acceptObfuscationHeader,
  createObfuscatedCodec,
  isForbiddenObfuscationHeader,
} from './obfuscated';

function createAesCtr(key: Uint8Array, iv: Uint8Array): AesCtr {
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return { update: (data) => new Uint8Array(cipher.update(data)) };
}

const randomBytes = (n: number): Uint8Array => new Uint8Array(nodeRandomBytes(n));

// Published vector from mtpylon's obfuscation tests (tests/transports/test_obfuscation.py):
// a client init header for the intermediate transport, one client message and one server
// message, each in the clear and encrypted.
const vector = {
  init: fromHex(
    'ac12ac1df7f68e2eacd4085138d294d7f9d71000469b9fbdc6cf0cbb50382a5d34a38c29ae4e14945dded705a65625e02e206e7a12f9e13aeeeeeeeece9fb887',
  ),
  header: fromHex(
    'ac12ac1df7f68e2eacd4085138d294d7f9d71000469b9fbdc6cf0cbb50382a5d34a38c29ae4e14945dded705a65625e02e206e7a12f9e13a6bdb572fe929ec85',
  ),
  clientPlain: fromHex(
    '280000000000000000000000040000005e595260140000007897466054b3ae2f3172ad489eef5aa8271f730e',
  ),
  clientEncrypted: fromHex(
    'e7dbc655fbf3234c5f265c50c06482bd55ac73a906fdfee24b946ea3d268e42e11a1fccac23884200ffb7e67',
  ),
  serverPlain: fromHex(
    '54000000000000000000000001f442f55e595260400000006324160554b3ae2f3172ad489eef5aa8271f730e857a0d1dc11006c19103166c8b21d22b082690282a15c9613d00000015c4b51c01000000216be86c022bb4c3',
  ),
  serverEncrypted: fromHex(
    'fb4209d8ae8eb555348b62e53c0df46e0bb3fc0dd8b8c676c8abd9200e5546d61997e1e8473bb39304afa06ab84a4cee580541bd99bdb602737e4d358ac5c609451b2234720d93120a37b9c0b460e626d27d9da196c4690c',
  ),
};

describe('obfuscated transport (mtpylon vector)', () => {
  it('client: builds the published header and encrypts the first message', () => {
    const codec = createObfuscatedCodec({
      kind: 'intermediate',
      createAesCtr,
      randomBytes: () => vector.init.slice(),
    });
    const out = codec.encode(vector.clientPlain.subarray(4));
    expect(out.subarray(0, 64)).toEqual(vector.header);
    expect(out.subarray(64)).toEqual(vector.clientEncrypted);
  });

  it('client: decrypts the server message', () => {
    const codec = createObfuscatedCodec({
      kind: 'intermediate',
      createAesCtr,
      randomBytes: () => vector.init.slice(),
    });
    expect(codec.decode(vector.serverEncrypted)).toEqual([vector.serverPlain.subarray(4)]);
  });

  it('server: detects intermediate, decodes the client and encrypts its reply', () => {
    const server = createServerCodec({ createAesCtr });
    const packets = server.decode(Uint8Array.from([...vector.header, ...vector.clientEncrypted]));
    expect(packets).toEqual([vector.clientPlain.subarray(4)]);
    expect(server.detected?.kind).toBe('intermediate');
    expect(server.detected?.isObfuscated).toBe(true);
    expect(server.encode(vector.serverPlain.subarray(4))).toEqual(vector.serverEncrypted);
  });

  it('server: acceptObfuscationHeader reads tag and DC id', () => {
    const accepted = acceptObfuscationHeader(vector.header, { createAesCtr });
    expect(accepted.kind).toBe('intermediate');
    // The client left bytes 60..62 random: ce 9f.
    expect(accepted.dcId).toBe(new DataView(Uint8Array.of(0xce, 0x9f).buffer).getInt16(0, true));
  });
});

describe('obfuscation header', () => {
  const base = (): Uint8Array => Uint8Array.from({ length: 64 }, (_, i) => i + 1);

  it.each([
    ['0xef first byte', [0xef]],
    ['HEAD', [...'HEAD'].map((c) => c.charCodeAt(0))],
    ['POST', [...'POST'].map((c) => c.charCodeAt(0))],
    ['GET ', [...'GET '].map((c) => c.charCodeAt(0))],
    ['OPTI', [...'OPTI'].map((c) => c.charCodeAt(0))],
    ['padded tag', [0xdd, 0xdd, 0xdd, 0xdd]],
    ['intermediate tag', [0xee, 0xee, 0xee, 0xee]],
    ['TLS record', [0x16, 0x03, 0x01, 0x02]],
  ])('forbids a header starting with %s', (_, prefix) => {
    const header = base();
    header.set(prefix, 0);
    expect(isForbiddenObfuscationHeader(header)).toBe(true);
  });

  it('forbids zero bytes 4..8 and allows an ordinary header', () => {
    const header = base();
    expect(isForbiddenObfuscationHeader(header)).toBe(false);
    header.set([0, 0, 0, 0], 4);
    expect(isForbiddenObfuscationHeader(header)).toBe(true);
  });

  it('draws again until the random header is allowed', () => {
    const draws = [Uint8Array.from({ length: 64 }, () => 0xef), vector.init.slice()];
    let calls = 0;
    const codec = createObfuscatedCodec({
      kind: 'intermediate',
      createAesCtr,
      randomBytes: () => draws[calls++],
    });
    expect(codec.encode(new Uint8Array(0)).subarray(0, 64)).toEqual(vector.header);
    expect(calls).toBe(2);
  });

  it('gives up on a random source that never yields an allowed header', () => {
    expect(() =>
      createObfuscatedCodec({
        kind: 'abridged',
        createAesCtr,
        randomBytes: (n) => new Uint8Array(n),
      }),
    ).toThrow(TransportError);
  });

  it('writes the DC id as int16 at offset 60, negative for test DCs', () => {
    const client = createObfuscatedCodec({ kind: 'abridged', createAesCtr, randomBytes, dcId: -2 });
    const header = client.encode(new Uint8Array(0)).subarray(0, 64);
    const accepted = acceptObfuscationHeader(header, { createAesCtr });
    expect(accepted).toMatchObject({ kind: 'abridged', dcId: -2 });
  });

  it('refuses to obfuscate the full transport', () => {
    expect(() =>
      createClientCodec({ kind: 'full', isObfuscated: true, createAesCtr, randomBytes }),
    ).toThrow(TransportError);
  });

  it('rejects a header whose decrypted tag is unknown', () => {
    const header = vector.header.slice();
    header[60 - 1] ^= 0x01;
    expect(() => acceptObfuscationHeader(header, { createAesCtr })).toThrow(BadHeaderError);
  });
});

// Byte comparison: toEqual walks large arrays element by element, slowly.
function isSame(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

const kinds: TransportKind[] = ['abridged', 'intermediate', 'padded', 'full'];

describe('client and server codecs talk to each other', () => {
  for (const kind of kinds) {
    for (const isObfuscated of kind === 'full' ? [false] : [false, true]) {
      it(`${kind}${isObfuscated ? ' obfuscated' : ''}`, () => {
        const client = createClientCodec({
          kind,
          isObfuscated,
          createAesCtr,
          randomBytes,
          dcId: 3,
        });
        const server = createServerCodec({ createAesCtr, randomBytes });
        // A 4-byte packet holding a negative int32 would read as a transport error code.
        const sizes = [500, 508, 512, 4096, 70000];
        const sent = [Uint8Array.of(1, 2, 3, 4), ...sizes.map((n) => randomBytes(n))];
        const received: Uint8Array[] = [];
        for (const packet of sent) received.push(...server.decode(client.encode(packet)));
        expect(server.detected).toMatchObject({ kind, isObfuscated });
        if (isObfuscated) expect(server.detected?.dcId).toBe(3);
        const replies: Uint8Array[] = [];
        for (const packet of sent) replies.push(...client.decode(server.encode(packet)));
        if (kind === 'padded') {
          // Padding may leave up to 12 extra bytes after each packet.
          for (const [i, packet] of sent.entries()) {
            expect(isSame(received[i].subarray(0, packet.length), packet)).toBe(true);
            expect(isSame(replies[i].subarray(0, packet.length), packet)).toBe(true);
            expect(received[i].length - packet.length).toBeLessThanOrEqual(12);
          }
        } else {
          expect(received.length).toBe(sent.length);
          expect(replies.length).toBe(sent.length);
          for (const [i, packet] of sent.entries()) {
            expect(isSame(received[i], packet)).toBe(true);
            expect(isSame(replies[i], packet)).toBe(true);
          }
        }
      });
    }
  }
});

describe('detectTransport', () => {
  it('needs one byte, then eight, then sixty-four', () => {
    expect(detectTransport(new Uint8Array(0))).toEqual({ status: 'needMoreBytes', minBytes: 1 });
    expect(detectTransport(Uint8Array.of(0xee, 0xee))).toEqual({
      status: 'needMoreBytes',
      minBytes: 8,
    });
    expect(detectTransport(vector.header.subarray(0, 20), { createAesCtr })).toEqual({
      status: 'needMoreBytes',
      minBytes: 64,
    });
  });

  it('detects each plain transport and the bytes its tag takes', () => {
    expect(detectTransport(Uint8Array.of(0xef))).toMatchObject({
      kind: 'abridged',
      headerBytes: 1,
    });
    expect(detectTransport(Uint8Array.of(0xee, 0xee, 0xee, 0xee, 1, 0, 0, 0))).toMatchObject({
      kind: 'intermediate',
      headerBytes: 4,
    });
    expect(detectTransport(Uint8Array.of(0xdd, 0xdd, 0xdd, 0xdd, 1, 0, 0, 0))).toMatchObject({
      kind: 'padded',
      headerBytes: 4,
    });
    expect(detectTransport(Uint8Array.of(40, 0, 0, 0, 0, 0, 0, 0))).toMatchObject({
      kind: 'full',
      headerBytes: 0,
    });
    expect(detectTransport(vector.header, { createAesCtr })).toMatchObject({
      kind: 'intermediate',
      isObfuscated: true,
      headerBytes: 64,
    });
  });

  it('rejects HTTP, TLS and an obfuscated client when no AES is available', () => {
    const http = new TextEncoder().encode('POST /api HTTP/1.1\r\n');
    expect(() => detectTransport(http)).toThrow(/HTTP/);
    expect(() => detectTransport(Uint8Array.of(0x16, 3, 1, 2, 0, 0, 1, 0))).toThrow(/TLS/);
    expect(() => detectTransport(vector.header)).toThrow(BadHeaderError);
  });

  it('a server codec waits across chunks and refuses to send before detection', () => {
    const server = createServerCodec({ createAesCtr });
    expect(() => server.encode(new Uint8Array(4))).toThrow(TransportError);
    const stream = Uint8Array.from([...vector.header, ...vector.clientEncrypted]);
    const packets: Uint8Array[] = [];
    for (let i = 0; i < stream.length; i += 7)
      packets.push(...server.decode(stream.subarray(i, i + 7)));
    expect(packets).toEqual([vector.clientPlain.subarray(4)]);
  });
});
