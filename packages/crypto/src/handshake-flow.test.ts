// grammers' published end-to-end handshake (grammers-mtproto, emulate_successful_auth_key_gen_flow),
// replayed step by step on raw bytes with the same injected randomness: a second, independent
// recording beside core.telegram.org's samples-auth_key page (samples-auth-key.test.ts).
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex } from './bytes';
import {
  checkDhParams,
  checkDhPublic,
  dhAuthKey,
  dhPublic,
  initialServerSalt,
  newNonceHash,
  TELEGRAM_DH_PRIME,
  tmpAesKeyIv,
} from './handshake';
import { factorizePq } from './pq';
import { rsaPad } from './rsa';
import { findRsaKey, TELEGRAM_TEST_RSA_KEYS } from './telegram-keys';
import { providers, replay } from './testing-internal/providers';
import { tlBytes } from './tl-bytes';

const STEP1_RANDOM = fromHex(['4e44b426241e8b839153122d44585ac6'].join(''));
const STEP1_RESPONSE = fromHex(
  [
    '632416054e44b426241e8b839153122d44585ac665ba0b393e1094329eda2c42d62833030819546f942a11278d00',
    '000015c4b51c0300000003268d20df9858b2029f4ba16d109296216be86c022bb4c3',
  ].join(''),
);
const STEP2_RANDOM = fromHex(
  [
    'b9dce68b05ef760fa7edfefeff45aaa8afbac11dc3d333bc3132fd16ab816d63ed93c5bef9d0452add8164a2d5df',
    '5804277ee5a06fd4523372707ddbd8106d03766d76fb8bec672bdcddcd225f7766b83663b32a0fda1055175c5582',
    'edd10430937666be4fd15510ba5f19aa645973b6e4e9270efac25b58741635fe84dd0af07a4686f750bf34de1073',
    'f1e7fa24e9b01a76e537504bd52b8195e5b78c9af2baa982454e1a99eeae0f35944089ad12726d2433a2c18c9698',
    'a725364f9c4e939ce4f1aee3891e58b85de90c88cc2eaef5db1841a594c0edc13cb4b7480a7e564fe892f82282d0',
    '3ed07eb5ceac6644247bb137241166fe194756dfcffd68c6c345',
  ].join(''),
);
const STEP2_REQUEST = fromHex(
  [
    'bee412d74e44b426241e8b839153122d44585ac665ba0b393e1094329eda2c42d62833030444b2e50d000000045e',
    '63ac8100000003268d20df9858b2fe0001007ec37ca8a84aa1b26d21bc8ac28b261ffa57b44e29f0d6722261e9b4',
    '36059cc80ae9768a3ae4fbefe46cfbb76b88a1f80a1ebd95ae5d17bf655ed1015755e04c483a01cf4094a0830864',
    '054a71a0ac8a5ec34d6b24a69bf66c9654b32a8c65b0302718351b28f72a9a49610d5259b6edb6da37acc5fedc47',
    'd1a09c58df2c7eccbfaf54dfe123ebc253d9069f74e8be128051e5d280b3c9a5e8d3c6da344cb7374a6d410d4e08',
    '8cc0eda3d8b1108ba4f4a85d79fbd2758000723780bc5459f59fd1cea1b511b77cc1411781d3feb57b14a97726cf',
    '3d2146cf43e648a69ff9cb5d48a31f543bd5bc3a023cf382d86d36bbfbbcb5e4a136acee25fd8e3e597e714d',
  ].join(''),
);
const STEP2_RESPONSE = fromHex(
  [
    '5c07e8d04e44b426241e8b839153122d44585ac665ba0b393e1094329eda2c42d6283303fe500200fd064e91012a',
    'de621b26a48ac7dc8b2c8670ed67092a00fe8c936483e4b02822c3cc655aaffe00542e311df5abdaa645b1da85ca',
    '50a6c7b0e7cc7cb2b23d42c84e288bb3b5cfe313e1ebafe19833916df4d1f58dba62e0ac49cac17a31b8b0d57d43',
    'eefda546d67e80e311c4b213adec9635c73f75a18ffb26fb71391523bd5ddfcc8be51b36d6b2552394c511ec935d',
    '53811a981baca62a2b58cbfe96f1b35e118e5e17456994aea931839925c4578f281f3f129d28026ec80224617a9c',
    'a8c615a12fba9c53e774476567f07b01a59d2e6635e39c16dc0a54679f3b54b0482f1cbeac821147d93d7365f4e2',
    '3fb5794eb5fd4ffdc6456638ea32f641f49ee705e7b0da71cb75753e2f4f80d5af07edb017948f332e34a9c5886b',
    '0c86281e0e7228d5a652a9faaf819f7686c099186169aaa377c136fac57b69b7f7b383aaece652f8dcb14e0dfb23',
    'e2a65330307a74c31c508cc504450fa208eee14d8bbead1c1f90ccfc183ae1d3345c62424ea3477776204e8fe69e',
    'fbb6a27b168913d3babaca30aa1c9589d6655b2ad4cd59f67e9b3957ab3270d70afab9bd488a6c5f39ca739ca894',
    '7def00cdb8812152731710f5108235775a019d3b4986d6b720b05167b4ee731a10a29fc1e03c42e99d8ff5cf64f4',
    '5070c2f5ce485ea5fddc281728b6e4d0dea561c9097e3f8a54b055b0c069a9f8207520f6429eb5225c985e3379f2',
    'cf6754f56d414fcd00d502e69223b911b915978e0890a9ef128715b828bf3fda3fee6c7b9b2621d971a6f7820f89',
    'f4c4c2ab29dec00007c3ec6cead64f7f5802d5e6a4a16a185cfbfced5351fa68380e',
  ].join(''),
);
const STEP3_RANDOM = fromHex(
  [
    '8fc3605a4604cbb5461fdeff439c761150083cdd502550558e92c730d46c9caf0b1b2d64d2c264942c50d98694ff',
    'f604fdd2bd87f2cafb719bc55e65a1f60b08809660a650721c40d56fc9c792df1d463aad1718c6924b7bdffbe395',
    'f14633d33fc38ce47c18a1561b83a5c66d29f9e292637127471c3baab0028ae42796b689e53a7f9ab5f0ee6d3fb6',
    '58d847c1abca509fc4ed0d45edbb1c946488910d8d78fa0767255b57a7c3898da8d26625bde40c5a0e80b581408e',
    'cd95a17d396dc7574a8ed3cbc4c085197ffaad29c18e577eb292aa8b98caa92efd6f9536049b5a7defc861e270ec',
    'a90c55b9585405cb96f3e6ea754850b09e7a59ba5fd92d357982915d39752aaa2ec16b6cbde6a6c33971',
  ].join(''),
);
const STEP3_REQUEST = fromHex(
  [
    '1f5f04f54e44b426241e8b839153122d44585ac665ba0b393e1094329eda2c42d6283303fe500100def448d48c60',
    '8480bab65df3f8990be8011f7b415a6f8113617bea749b8b0ea6a937987b18cc4dcce8197efdcf8d6ec6af7fc336',
    '4b4945df77e4a1ae9db7acea4abcd73247edb36bde20fc969c1d55717277afe0bc31a9ee99f7d822f91fa2dc69c8',
    '68a19511b162d55e0814d0292b7708b67d57eb04569349d5a20ffe85c0141fc17e9bbbaf207bef56e66decda718c',
    '52c45273f868c2eff89bb06355cd515fbfe123d719b244234867d2889c9d0e4436ba644076e5014a78af60b2f0e1',
    'b30285f4f71539bcf8c506ccafd62cfcd1b040fe5e35bb30e519ad56d753100f604e3ea5d02409d74dd3ab086122',
    '7410f1e13591cf2a638347e6c6d0bcae14e0e8753313b51daee40a67407b5cc8b213856a290a0c7b6cda9ff9c58d',
    '69faaf6a748cff05512b69f1380f7a36843edecdc764048bc16d9808f353a9caf6d49ca8b717c8f6de037518a444',
    '931a7da2b80f16d0',
  ].join(''),
);
const STEP3_RESPONSE = fromHex(
  [
    '34f7cb3b4e44b426241e8b839153122d44585ac665ba0b393e1094329eda2c42d628330313b781a0de4ab6bc7ab4',
    '14cbe13f9f86',
  ].join(''),
);
const EXPECTED_AUTH_KEY = fromHex(
  [
    '7582e48ad36cd6eef7944ac9bd7027de9ee3202543b68850ac01e1221350f7174e6c3771c9d86b3075f777539c23',
    'd053e9da9a1510d49e8fa0ad76a016ce28bfe3543dde69959bc682dab762b95a36629a8438e65baa53cc79b551c2',
    '3d555c7675a36f4ece90882ece497d28a903409b780a8a80516cb0f8534fee3a67530beb2b1929626e07c2a052c4',
    '870b18b0a626606ca05cb13668a65aee3fa32cbebf1b3a56532138cb22c017cac44a292021902eea9b9f906c6be1',
    '9c9203c7bb3ebc5f1b2044d0a90cb008f7248c3ae4449e0895b6090abb04c24131c2948bd27d879ecb934e50a466',
    '71f987653385ab388e4fa1ddd4c95743111e08bf11fef1f8f739',
  ].join(''),
);

const int32 = (n: number): Uint8Array => {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setInt32(0, n, true);
  return out;
};

describe.each(providers)('auth key handshake (grammers vector): $name provider', (c) => {
  const nonce = STEP1_RANDOM;
  const serverNonce = STEP1_RESPONSE.subarray(20, 36);
  const newNonce = STEP2_RANDOM.subarray(0, 32);

  it('factorises pq and RSA_PADs p_q_inner_data to the recorded encrypted_data', () => {
    expect(toHex(STEP1_RESPONSE.subarray(4, 20))).toBe(toHex(nonce));
    expect(STEP1_RESPONSE[36]).toBe(8);
    const pq = STEP1_RESPONSE.subarray(37, 45);
    const { p, q } = factorizePq(pq);
    // req_DH_params carries p and q as TL bytes right after the two nonces.
    expect(toHex(STEP2_REQUEST.subarray(36, 52))).toBe(toHex(concatBytes(tlBytes(p), tlBytes(q))));
    const fingerprint = new DataView(STEP2_REQUEST.buffer, 52, 8).getBigInt64(0, true);
    const key = findRsaKey([fingerprint], TELEGRAM_TEST_RSA_KEYS);
    expect(key).toBeDefined();
    // p_q_inner_data#83c95aec pq p q nonce server_nonce new_nonce
    const inner = concatBytes(
      int32(0x83c95aec),
      tlBytes(pq),
      tlBytes(p),
      tlBytes(q),
      nonce,
      serverNonce,
      newNonce,
    );
    const r = STEP2_RANDOM.subarray(32);
    const tempKey = r.subarray(192, 224);
    const source = replay(concatBytes(r.subarray(0, 192 - inner.length), tempKey));
    const encrypted = rsaPad(c, inner, key ?? TELEGRAM_TEST_RSA_KEYS[0], source);
    expect(toHex(STEP2_REQUEST.subarray(60, 64))).toBe('fe000100');
    expect(toHex(encrypted)).toBe(toHex(STEP2_REQUEST.subarray(64, 320)));
  });

  it('decrypts server_DH_inner_data, checks it, and derives the recorded auth key', () => {
    const { key, iv } = tmpAesKeyIv(c, newNonce, serverNonce);
    expect(toHex(STEP2_RESPONSE.subarray(36, 40))).toBe('fe500200');
    const answerWithHash = c.aesIgeDecrypt(STEP2_RESPONSE.subarray(40, 40 + 592), key, iv);
    const answer = answerWithHash.subarray(20, 20 + 564);
    expect(toHex(c.sha1(answer))).toBe(toHex(answerWithHash.subarray(0, 20)));
    // server_DH_inner_data#b5890dba nonce server_nonce g dh_prime g_a server_time
    expect(toHex(answer.subarray(0, 4))).toBe('ba0d89b5');
    expect(toHex(answer.subarray(4, 36))).toBe(toHex(concatBytes(nonce, serverNonce)));
    const view = new DataView(answer.buffer, answer.byteOffset, answer.length);
    const g = view.getInt32(36, true);
    const dhPrime = answer.subarray(44, 300);
    const gA = answer.subarray(304, 560);
    expect(g).toBe(3);
    expect(toHex(dhPrime)).toBe(toHex(TELEGRAM_DH_PRIME));
    expect(view.getInt32(560, true)).toBe(1693436740);
    checkDhParams(c, dhPrime, g);
    checkDhPublic(gA, dhPrime);

    const b = STEP3_RANDOM.subarray(0, 256);
    const gB = dhPublic(c, g, dhPrime, b);
    checkDhPublic(gB, dhPrime);
    // client_DH_inner_data#6643b654 nonce server_nonce retry_id:long=0 g_b
    const clientInner = concatBytes(
      int32(0x6643b654),
      nonce,
      serverNonce,
      new Uint8Array(8),
      tlBytes(gB),
    );
    const padded = concatBytes(c.sha1(clientInner), clientInner, STEP3_RANDOM.subarray(256, 268));
    expect(padded.length % 16).toBe(0);
    expect(toHex(STEP3_REQUEST.subarray(36, 40))).toBe('fe500100');
    expect(toHex(c.aesIgeEncrypt(padded, key, iv))).toBe(toHex(STEP3_REQUEST.subarray(40, 376)));

    const authKey = dhAuthKey(c, gA, b, dhPrime);
    expect(toHex(authKey)).toBe(toHex(EXPECTED_AUTH_KEY));
    // dh_gen_ok#3bcbf734 nonce server_nonce new_nonce_hash1
    expect(toHex(STEP3_RESPONSE.subarray(0, 4))).toBe('34f7cb3b');
    expect(toHex(newNonceHash(c, newNonce, authKey, 1))).toBe(
      toHex(STEP3_RESPONSE.subarray(36, 52)),
    );
    const salt = initialServerSalt(newNonce, serverNonce);
    expect(new DataView(salt.buffer).getBigInt64(0, true)).toBe(4459407212920268508n);
  });
});
