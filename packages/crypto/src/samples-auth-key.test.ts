// Telegram's own worked example, core.telegram.org/mtproto/samples-auth_key, replayed step by step
// through the public API with the page's values as the injected randomness (new_nonce, RSA_PAD's
// random padding, b, the client_DH_inner_data padding). See testing-internal/samples-auth-key.ts
// for which version of the page and where it was transcribed from.
//
// One value cannot be reproduced: step 4's encrypted_data. RSA_PAD draws a 32-byte temp_key that
// the page does not publish, and checking the ciphertext another way would need Telegram's private
// key. So step 4 asserts everything else: the page's `data` is p_q_inner_data_dc built from the
// factorisation, RSA_PAD's input (data + the page's random_padding_bytes) comes back byte for byte
// through a locally generated key pair, and the key is the one the page's fingerprint names.
import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  authKeyAuxHash,
  authKeyId,
  bytesToBigInt,
  checkDhParams,
  checkDhPublic,
  concatBytes,
  dhAuthKey,
  dhPublic,
  factorizePq,
  findRsaKey,
  newNonceHash,
  parseRsaPublicKey,
  portableCrypto,
  type RsaPublicKey,
  rsaFingerprint,
  rsaPad,
  rsaUnpad,
  TELEGRAM_DH_PRIME,
  TELEGRAM_RSA_KEYS,
  tmpAesKeyIv,
  toHex,
} from './index';
import { providers, replay } from './testing-internal/providers';
import { readTlString, SAMPLE, tlString } from './testing-internal/samples-auth-key';

const int32 = (n: number): Uint8Array => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n >>> 0, true);
  return out;
};
const readInt32 = (buf: Uint8Array, offset: number): number =>
  new DataView(buf.buffer, buf.byteOffset + offset, 4).getInt32(0, true);
const readInt64 = (buf: Uint8Array, offset: number): bigint =>
  new DataView(buf.buffer, buf.byteOffset + offset, 8).getBigInt64(0, true);

/** The body of an unencrypted message (after auth_key_id, msg_id, length), length-checked. */
function body(message: Uint8Array): Uint8Array {
  expect(toHex(message.subarray(0, 8))).toBe('0000000000000000');
  expect(readInt32(message, 16)).toBe(message.length - 20);
  return message.subarray(20);
}

/** RSA_PAD's padding draw, then 64 distinct temp keys: any run of "result ≥ n" retries ends. */
const rsaPadRandom = (): ((n: number) => Uint8Array) =>
  replay(
    concatBytes(
      SAMPLE.rsaPadRandomPadding,
      ...Array.from({ length: 64 }, (_, i) => portableCrypto.sha256(int32(i))),
    ),
  );

// One local key pair (for RSA_PAD's round trip) shared by both providers' runs.
let testKey: RsaPublicKey;
let testD: Uint8Array;
beforeAll(() => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  testKey = parseRsaPublicKey(publicKey.export({ format: 'pem', type: 'pkcs1' }).toString());
  testD = new Uint8Array(Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url'));
});

describe.each(providers)('core.telegram.org samples-auth_key: $name provider', (c) => {
  const { nonce, serverNonce, newNonce } = SAMPLE;
  const nonces = concatBytes(nonce, serverNonce);

  it('steps 2–3: reads resPQ, factorises its pq to the page’s p < q, picks the named key', () => {
    const resPq = body(SAMPLE.resPQ);
    expect(toHex(resPq.subarray(0, 4))).toBe('63241605');
    expect(toHex(resPq.subarray(4, 36))).toBe(toHex(nonces));
    const pq = readTlString(resPq, 36);
    expect(toHex(pq.value)).toBe(toHex(SAMPLE.pq));
    expect(bytesToBigInt(pq.value)).toBe(1372318559046200203n);

    const { p, q } = factorizePq(pq.value);
    expect(toHex(p)).toBe(toHex(SAMPLE.p));
    expect(toHex(q)).toBe(toHex(SAMPLE.q));
    expect(bytesToBigInt(p)).toBe(1141464581n);
    expect(bytesToBigInt(q)).toBe(1202243663n);

    // Vector<long> of three fingerprints; only the production key's is known to the client.
    expect(toHex(resPq.subarray(pq.next, pq.next + 8))).toBe('15c4b51c03000000');
    const offered = [0, 1, 2].map((i) => readInt64(resPq, pq.next + 8 + 8 * i));
    const key = findRsaKey(offered, TELEGRAM_RSA_KEYS);
    expect(key).toBeDefined();
    expect(key?.fingerprint).toBe(readInt64(SAMPLE.fingerprint, 0));
    expect(rsaFingerprint(c, key?.n ?? new Uint8Array(), key?.e ?? new Uint8Array())).toBe(
      readInt64(SAMPLE.fingerprint, 0),
    );
  });

  it('step 4: data is p_q_inner_data_dc and RSA_PAD takes the page’s padding as its input', () => {
    const { p, q } = factorizePq(SAMPLE.pq);
    // p_q_inner_data_dc#a9f55f95 pq p q nonce server_nonce new_nonce dc:2
    const data = concatBytes(
      int32(0xa9f55f95),
      tlString(SAMPLE.pq),
      tlString(p),
      tlString(q),
      nonces,
      newNonce,
      int32(2),
    );
    expect(toHex(data)).toBe(toHex(SAMPLE.pqInnerData));

    const dataWithPadding = concatBytes(data, SAMPLE.rsaPadRandomPadding);
    expect(dataWithPadding).toHaveLength(192);
    const encrypted = rsaPad(c, data, testKey, rsaPadRandom());
    expect(encrypted).toHaveLength(256);
    expect(toHex(rsaUnpad(c, encrypted, testKey.n, testD))).toBe(toHex(dataWithPadding));

    // With Telegram's key the result has the page's shape (256 bytes, below n), not its bytes:
    // the temp_key is unpublished (see the header comment).
    const telegramKey = findRsaKey([readInt64(SAMPLE.fingerprint, 0)], TELEGRAM_RSA_KEYS);
    expect(telegramKey).toBeDefined();
    const n = telegramKey?.n ?? new Uint8Array(256);
    const ours = rsaPad(c, data, telegramKey ?? TELEGRAM_RSA_KEYS[0], rsaPadRandom());
    expect(ours).toHaveLength(256);
    expect(bytesToBigInt(ours) < bytesToBigInt(n)).toBe(true);
    expect(SAMPLE.rsaEncryptedData).toHaveLength(256);
    expect(bytesToBigInt(SAMPLE.rsaEncryptedData) < bytesToBigInt(n)).toBe(true);
  });

  it('step 5: req_DH_params carries the factors, the fingerprint and encrypted_data', () => {
    const request = body(SAMPLE.reqDhParams);
    expect(toHex(request.subarray(0, 4))).toBe('bee412d7');
    expect(toHex(request.subarray(4, 36))).toBe(toHex(nonces));
    const { p, q } = factorizePq(SAMPLE.pq);
    expect(toHex(request.subarray(36, 52))).toBe(toHex(concatBytes(tlString(p), tlString(q))));
    expect(toHex(request.subarray(52, 60))).toBe(toHex(SAMPLE.fingerprint));
    const encryptedData = readTlString(request, 60);
    expect(toHex(encryptedData.value)).toBe(toHex(SAMPLE.rsaEncryptedData));
    expect(encryptedData.next).toBe(request.length);
  });

  it('step 6: derives tmp_aes_key/iv and decrypts encrypted_answer to server_DH_inner_data', () => {
    const { key, iv } = tmpAesKeyIv(c, newNonce, serverNonce);
    expect(toHex(key)).toBe(toHex(SAMPLE.tmpAesKey));
    expect(toHex(iv)).toBe(toHex(SAMPLE.tmpAesIv));

    const response = body(SAMPLE.serverDhParamsOk);
    expect(toHex(response.subarray(0, 4))).toBe('5c07e8d0');
    expect(toHex(response.subarray(4, 36))).toBe(toHex(nonces));
    const encryptedAnswer = readTlString(response, 36).value;
    expect(encryptedAnswer).toHaveLength(592);
    const answerWithHash = c.aesIgeDecrypt(encryptedAnswer, key, iv);
    expect(toHex(answerWithHash)).toBe(toHex(SAMPLE.answerWithHash));
    expect(toHex(c.aesIgeEncrypt(answerWithHash, key, iv))).toBe(toHex(encryptedAnswer));

    // server_DH_inner_data#b5890dba nonce server_nonce g dh_prime g_a server_time
    const answer = answerWithHash.subarray(20);
    expect(toHex(answer.subarray(0, 4))).toBe('ba0d89b5');
    expect(toHex(answer.subarray(4, 36))).toBe(toHex(nonces));
    expect(readInt32(answer, 36)).toBe(3);
    const dhPrime = readTlString(answer, 40);
    const gA = readTlString(answer, dhPrime.next);
    expect(readInt32(answer, gA.next)).toBe(SAMPLE.serverTime);
    const answerLength = gA.next + 4;
    expect(answerLength).toBe(564);
    // answer_with_hash = SHA1(answer) + answer + 0..15 random bytes
    expect(answer.length - answerLength).toBeLessThan(16);
    expect(toHex(c.sha1(answer.subarray(0, answerLength)))).toBe(
      toHex(answerWithHash.subarray(0, 20)),
    );
  });

  describe('steps 7–9 with the decrypted DH parameters', () => {
    const answer = SAMPLE.answerWithHash.subarray(20);
    const dhPrimeTl = readTlString(answer, 40);
    const dhPrime = dhPrimeTl.value;
    const gA = readTlString(answer, dhPrimeTl.next).value;
    const g = readInt32(answer, 36);

    it('checks dh_prime (Telegram’s known prime), g = 3, and g_a', () => {
      expect(toHex(dhPrime)).toBe(toHex(TELEGRAM_DH_PRIME));
      expect(() => checkDhParams(c, dhPrime, g)).not.toThrow();
      expect(() => checkDhPublic(gA, dhPrime)).not.toThrow();
    });

    it('computes g_b from the page’s b and encrypts client_DH_inner_data to its bytes', () => {
      const gB = dhPublic(c, g, dhPrime, SAMPLE.b);
      expect(toHex(gB)).toBe(toHex(SAMPLE.gB));
      expect(() => checkDhPublic(gB, dhPrime)).not.toThrow();

      // client_DH_inner_data#6643b654 nonce server_nonce retry_id:long=0 g_b
      const data = concatBytes(int32(0x6643b654), nonces, new Uint8Array(8), tlString(gB));
      expect(toHex(data)).toBe(toHex(SAMPLE.clientDhInnerData));
      const dataWithHash = concatBytes(c.sha1(data), data, SAMPLE.clientPadding);
      expect(dataWithHash.length % 16).toBe(0);
      expect(SAMPLE.clientPadding.length).toBeLessThan(16);
      const { key, iv } = tmpAesKeyIv(c, newNonce, serverNonce);
      const encrypted = c.aesIgeEncrypt(dataWithHash, key, iv);
      expect(toHex(encrypted)).toBe(toHex(SAMPLE.clientEncryptedData));

      const request = body(SAMPLE.setClientDhParams);
      expect(toHex(request.subarray(0, 4))).toBe('1f5f04f5');
      expect(toHex(request.subarray(4, 36))).toBe(toHex(nonces));
      expect(toHex(readTlString(request, 36).value)).toBe(toHex(encrypted));
    });

    it('derives the page’s auth_key, and new_nonce_hash1 matches dh_gen_ok', () => {
      const authKey = dhAuthKey(c, gA, SAMPLE.b, dhPrime);
      expect(toHex(authKey)).toBe(toHex(SAMPLE.authKey));
      // Not printed on the page (computed independently with node:crypto's SHA-1); the aux hash
      // is confirmed by the page through new_nonce_hash1 below.
      expect(toHex(authKeyId(c, authKey))).toBe('0438720625f291f6');
      expect(toHex(authKeyAuxHash(c, authKey))).toBe('2f3107216012e3f6');

      const reply = body(SAMPLE.dhGenOk);
      expect(toHex(reply.subarray(0, 4))).toBe('34f7cb3b');
      expect(toHex(reply.subarray(4, 36))).toBe(toHex(nonces));
      expect(toHex(reply.subarray(36, 52))).toBe(toHex(SAMPLE.newNonceHash1));
      expect(toHex(newNonceHash(c, newNonce, authKey, 1))).toBe(toHex(SAMPLE.newNonceHash1));
      expect(toHex(newNonceHash(c, newNonce, authKey, 2))).not.toBe(toHex(SAMPLE.newNonceHash1));
    });
  });
});
