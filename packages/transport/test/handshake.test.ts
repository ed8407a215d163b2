import { authKeyId, type CryptoProvider, portableCrypto } from '@telets/crypto';
import { nodeCrypto } from '@telets/crypto/node';
import { describe, expect, it } from 'vitest';
import { HandshakeError, SecurityError } from '../src/mtproto/errors';
import { ClientHandshake, type HandshakeResult } from '../src/mtproto/handshake-client';
import { isProbablePrime, randomPq, ServerHandshake } from '../src/mtproto/handshake-server';
import { decodeResPq, encodeDhGen } from '../src/mtproto/handshake-tl';
import { seededRandom, testRsaKey } from './helpers';

function runExchange(
  crypto: CryptoProvider,
  options: {
    dcId?: number;
    tamper?: (step: number, body: Uint8Array) => Uint8Array;
    answerClientDh?: (attempt: number) => 'ok' | 'retry' | 'fail';
  } = {},
): { client: HandshakeResult; server: { authKey: Uint8Array; serverSalt: bigint; dcId?: number } } {
  const key = testRsaKey();
  const nowMs = 1_700_000_000_000;
  const client = new ClientHandshake({
    crypto,
    rsaKeys: [{ n: key.n, e: key.e, fingerprint: key.fingerprint }],
    dcId: options.dcId ?? 2,
    random: seededRandom(7),
    nowMs: () => nowMs,
  });
  const server = new ServerHandshake({
    crypto,
    rsaKey: key,
    random: seededRandom(99),
    nowMs: () => nowMs + 42_000,
    answerClientDh: options.answerClientDh,
  });
  let toServer = client.start();
  for (let step = 0; step < 5; step++) {
    const { reply, result } = server.receive(options.tamper?.(step, toServer) ?? toServer);
    const next = client.receive(reply);
    if (next.type === 'done') {
      if (!result) throw new Error('client finished before the server');
      return { client: next.result, server: result };
    }
    toServer = next.body;
  }
  throw new Error('the exchange did not finish');
}

describe.each<[string, CryptoProvider]>([
  ['node', nodeCrypto],
  ['portable', portableCrypto],
])('client and server handshake (%s provider)', (_name, crypto) => {
  it('agree on the auth key, the salt and the time offset', () => {
    const { client, server } = runExchange(crypto, { dcId: -10002 });
    expect(client.authKey).toHaveLength(256);
    expect(client.authKey).toEqual(server.authKey);
    expect(client.serverSalt).toBe(server.serverSalt);
    expect(client.timeOffsetSeconds).toBe(42);
    expect(server.dcId).toBe(-10002);
    expect(authKeyId(crypto, client.authKey)).toHaveLength(8);
  });
});

describe('handshake checks', () => {
  it("goes through dh_gen_retry with retry_id = the previous key's aux hash", () => {
    const { client, server } = runExchange(nodeCrypto, {
      answerClientDh: (attempt) => (attempt < 3 ? 'retry' : 'ok'),
    });
    expect(client.authKey).toEqual(server.authKey);
  });

  it('reports dh_gen_fail as HandshakeError after checking new_nonce_hash3', () => {
    expect(() => runExchange(nodeCrypto, { answerClientDh: () => 'fail' })).toThrow(/dh_gen_fail/);
  });

  it('the server refuses a req_DH_params with a wrong factorisation', () => {
    expect(() =>
      runExchange(nodeCrypto, {
        tamper: (step, body) => {
          if (step !== 1) return body;
          const copy = body.slice();
          copy[4 + 16 + 16 + 1] ^= 0x01; // first byte of p
          return copy;
        },
      }),
    ).toThrow(HandshakeError);
  });

  it('the server refuses set_client_DH_params whose encrypted data was altered', () => {
    expect(() =>
      runExchange(nodeCrypto, {
        tamper: (step, body) => {
          if (step !== 2) return body;
          const copy = body.slice();
          copy[copy.length - 20] ^= 0x80;
          return copy;
        },
      }),
    ).toThrow(SecurityError);
  });

  it('the client refuses a resPQ with another nonce and one without a trusted key', () => {
    const key = testRsaKey();
    const server = new ServerHandshake({
      crypto: nodeCrypto,
      rsaKey: key,
      random: seededRandom(3),
    });
    const client = new ClientHandshake({
      crypto: nodeCrypto,
      rsaKeys: [{ n: key.n, e: key.e, fingerprint: key.fingerprint + 1n }],
      dcId: 1,
      random: seededRandom(4),
    });
    const reply = server.receive(client.start()).reply;
    expect(() => client.receive(reply)).toThrow(/no RSA key this client trusts/);

    const other = new ClientHandshake({
      crypto: nodeCrypto,
      rsaKeys: [key],
      dcId: 1,
      random: seededRandom(5),
    });
    other.start();
    expect(() => other.receive(reply)).toThrow(SecurityError);
  });

  it('the client checks new_nonce_hash3 before reporting dh_gen_fail', () => {
    const key = testRsaKey();
    const server = new ServerHandshake({
      crypto: nodeCrypto,
      rsaKey: key,
      random: seededRandom(8),
    });
    const client = new ClientHandshake({
      crypto: nodeCrypto,
      rsaKeys: [key],
      dcId: 1,
      random: seededRandom(9),
    });
    const resPq = server.receive(client.start()).reply;
    const { nonce, serverNonce } = decodeResPq(resPq);
    const step2 = client.receive(resPq);
    if (step2.type !== 'send') throw new Error('expected req_DH_params');
    const step3 = client.receive(server.receive(step2.body).reply);
    if (step3.type !== 'send') throw new Error('expected set_client_DH_params');
    const forged = encodeDhGen({
      kind: 'fail',
      nonce,
      serverNonce,
      newNonceHash: new Uint8Array(16),
    });
    expect(() => client.receive(forged)).toThrow(/new_nonce_hash3/);
  });

  it('randomPq yields two distinct primes whose product fits in 63 bits', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 5; i++) {
      const { p, q } = randomPq(random);
      expect(p < q).toBe(true);
      expect(isProbablePrime(p) && isProbablePrime(q)).toBe(true);
      expect(p * q < 2n ** 63n).toBe(true);
    }
    expect(isProbablePrime(1008949199n)).toBe(true);
    expect(isProbablePrime(1468428376148703121n)).toBe(false);
  });
});
