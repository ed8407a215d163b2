import { authKeyId } from '@telets/crypto';
import { nodeCrypto } from '@telets/crypto/node';
import { TlError } from '@telets/tl-schema';
import { EncryptedCodec } from '@telets/transport';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaultPlan } from '../src/faults.js';
import { ConnectionProtocol } from '../src/mtproto/connection-protocol.js';
import type { PacketSink, ProtocolHost } from '../src/mtproto/protocol-host.js';
import { RuntimeRegistry } from '../src/mtproto/registry.js';
import { readInt64 } from '../src/mtproto/wire.js';
import { defaultRsaKey } from '../src/net/rsa-key.node.js';
import { fakeWorld } from '../src/testing-internal/fake-world.js';
import { apiCodec, mtprotoCodec } from '../src/tl/layers.node.js';
import { SchemaCodecError } from '../src/tl/schema-codec.js';

describe('fuzzing', () => {
  it('decoding random bytes yields an object or a codec error, nothing else', () => {
    const codecs = [apiCodec(228), apiCodec(198), mtprotoCodec()];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(2), (bytes, which) => {
        try {
          codecs[which].decode(bytes);
        } catch (error) {
          expect(error instanceof SchemaCodecError || error instanceof TlError).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a connection fed random packets never throws and only ever answers or closes', async () => {
    const { world } = fakeWorld({ dcIds: [1] });
    const rsaKey = await defaultRsaKey(nodeCrypto);
    const runtimes = new RuntimeRegistry(world);
    const host: ProtocolHost = {
      world,
      crypto: nodeCrypto,
      rsaKey: rsaKey.privateKey,
      faults: new FaultPlan(),
      runtimes,
      isDuplicateKeyRejected: false,
      isKeyInUseElsewhere: () => false,
      log: () => {},
      warn: () => {},
    };
    const key = nodeCrypto.randomBytes(256);
    const keyIdBytes = authKeyId(nodeCrypto, key);
    const keyId = readInt64(keyIdBytes, 0);
    world.authKeys(1).add({ id: keyId, key, dcId: 1, createdAtMs: 0 });
    runtimes.create(1, keyId, 1n);
    const client = new EncryptedCodec({ crypto: nodeCrypto, authKey: key, role: 'client' });
    let counter = 0n;
    // Well-encrypted messages whose bodies are random or random after a real constructor id.
    const ids = [
      0x73f1f8dc, 0x3072cfa1, 0xda9b0d0d, 0x62d6b459, 0xda69fb52, 0x7d861a08, 0xb921bd04,
    ];
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 120 }),
      fc.tuple(fc.constantFrom(...ids), fc.uint8Array({ maxLength: 120 })).map(([id, rest]) => {
        const out = new Uint8Array(4 + rest.length);
        new DataView(out.buffer).setUint32(0, id, true);
        out.set(rest, 4);
        return out;
      }),
    );
    const encrypted = fc.tuple(body, fc.nat(9), fc.boolean()).map(([b, seqNo, isCurrentSalt]) => {
      counter += 4n;
      const aligned = b.subarray(0, b.length - (b.length % 4));
      return client.encrypt({
        salt: isCurrentSalt ? 1n : 2n,
        sessionId: 5n,
        msgId: (1_700_000_000n << 32n) + counter,
        seqNo,
        body: aligned,
      });
    });
    const packet = fc.oneof(
      encrypted,
      fc.uint8Array({ maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.of(...new Array(8).fill(0), ...b)),
      fc
        .uint8Array({ minLength: 16, maxLength: 300 })
        .map((b) => Uint8Array.of(...keyIdBytes, ...b)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(packet, { maxLength: 5 }), async (packets) => {
        let isOpen = true;
        const sink: PacketSink = {
          get isOpen() {
            return isOpen;
          },
          send: () => {},
          sendQuickAck: () => {},
          sendTransportError: () => {
            isOpen = false;
          },
          close: () => {
            isOpen = false;
          },
          disconnectAfter: () => {},
        };
        const protocol = new ConnectionProtocol(host, 1, sink, undefined);
        for (const p of packets) protocol.receive(p);
        await new Promise((resolve) => setImmediate(resolve));
      }),
      { numRuns: 300 },
    );
  });
});
