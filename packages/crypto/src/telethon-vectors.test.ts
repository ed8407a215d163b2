import { describe, expect, it } from 'vitest';
import {
  authKeyAuxHash,
  authKeyId,
  bigIntToBytes,
  bytesToBigInt,
  computeSrpUnchecked,
  concatBytes,
  decryptMessage,
  encryptMessage,
  factorizePq,
  fromHex,
  messageAesKeyIv,
  newNonceHash,
  rsaFingerprint,
  rsaPad,
  TELEGRAM_RSA_KEYS,
  TELEGRAM_TEST_RSA_KEYS,
  tmpAesKeyIv,
  toHex,
} from './index';
import { providers, replay, sequence } from './testing-internal/providers';
import { SRP_2048_VECTOR } from './testing-internal/srp-2048-vector';

// Published test vectors of Telethon (github.com/LonamiWebs/Telethon), branch v2 unless stated:
// client/tests/{crypto,auth_key,factorize,rsa,two_factor_auth}_test.py and, on branch v1,
// tests/telethon/test_helpers.py. Telethon's byte literals are transcribed to hex; its integers
// are big-endian (v2) or little-endian (v1) encodings of the same bytes.

const SERVER_AUTH_KEY = fromHex(
  '5d2e7d65f49ec28bd029a88761ea27b8a4c79f12226525443e7d7c596ef3303530db2107e89aa997c7a0164ab694187adeff156bd6ef7118a1962347753c0e7e89a0354b8ec364f9997e71bc6923fb86e8e43491e010606a6ce845e2fa01940977ef0aa32adf5a97dbf6d428ec0434d717a2d3ad19622cc05887642113c7965ffb862a3e3ccb0ab95addda57f89245dbd76b492348f8e94bd5a7c0e0b84808523cfd1ea80b32fe9ad198bc2e103fceb7d52492ecc0273a28674bc923eee59265ab17a002df1f4aa2c59b819a5e5e1d105ec117336f5c76c6b187037d4b4270cee9cc21071d97e9bca220c6d7b01b998cf2e5cdb9a50ecda1852a36e635690c8e',
);

const SERVER_CIPHERTEXT = fromHex(
  '7a7183c2c10e4f4df945fa9a9abd35e7c3840b61f045304f39674c19c0e209784f50f6226a073529d675c92cbf0bfa8c99a79b3f39c72a5d9a026d431ab7407ca04ecc55187d6c45f17871524edd90cea02ed728e14d7cb18aea2a636158f09459a9437710d894c79f368c4e8164b7647ea98612aefe942c5d92121acb8db02dccceb66d0f8720ac12a06db0582bfd955be34f365118e3bab8cd080ce6b45b28eac56dcd2a29374e',
);

const SERVER_PLAINTEXT =
  'fc826a02248b28fd60f2c4822443ad6801f0c1c2918b305e0200000058000000dcf8f1730200000001a8c1c2918b305e010000001c0000000809c29ec4fd33ad918b305e18a88ea607ee5816fc826a02248b28fd01ccc1c2918b305e0200000014000000c5737734c4fd33ad918b305e6408300000000000fce66704a3cd8ee9d0ae6fab672c60c04a3f1fd4490e51f6';

// rsa_test.py test_rsa_encryption: Telethon's 256 random bytes hold the padding at [0, 192 − len)
// and the temp keys from offset 192; our rsaPad draws the padding, then 32 bytes per temp key.
const RSA_DATA = fromHex(
  '955ff5a9081a8e635f5743de9b00000004453dc27100000004622f1fcb000000f7a81627bbf511fa4afef71e94a0937474586c1add9198dda81a5df8393871c8293623c5fb968894af1be7dfe9c7be813f9307789242fd0cb0c16a5cb39a8d3e',
);
const RSA_RANDOM = fromHex(
  '12270000635593b03fee033d0672f9afddf9124de9e77df6251806cba93482e4c9e6e06e7d44e4c4baae821aff91af44789689faaee9bdfc7b2df8c08709afe57396c4638ceaa0dc30114f82447e81d3b53edc423b32660c43a5b8ad057b64500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000007dada0920c4973913229e0f881aec7b9db0c392d34f52fb0995ea493ecb4c09daaf68fe9554ec7a59c03e4035952b220b47a8d06aad71134110d8c44948901f8',
);
const RSA_ENCRYPTED =
  'c6d211349fc10cda6983276250b09f4be9b39f533b5d314b732b51a6dd72234dab4224209992c894e0e4c9f30249f1dbbd1630a27b98f2f92a53c00baabbd46f380bd35f417e5ec2edb43f7644b5c81af011d736eb369265e848b553ae5e6350dd5695efc72bde0e35f3c3fc827b91eb97cf1efdbff12269b9c33f81645adebc89ed167edc19d285237a754bf629aa358ed08498863b2aec8b7139001627bbe8bdef239474a5a43e664d278f39e72d694a206d7b838fd40868a71c4bfbffa38b7679faa502b7795cbe5ae1bd05ca7eb01ff5b05107265fd39bd5b4e19d392b735a3b0b5b21473062981bff86ff9084a7b594775e3127c05fd454e19f794a4ab4';

// two_factor_auth_test.py test_calculations_2 (Telegram's real 2048-bit group).
const SRP2 = SRP_2048_VECTOR;

describe.each(providers)('Telethon vectors: $name provider', (c) => {
  // Telethon v2 client/tests/crypto_test.py
  describe('crypto_test.py', () => {
    it('test_calc_client_key: message key/iv for x = 0', () => {
      const { key, iv } = messageAesKeyIv(c, sequence(256), sequence(16), false);
      expect(toHex(key)).toBe('704ed09c8b41668ae8f99d244738f71dbddc44469b6bbd4aa8573dd042bd059e');
      expect(toHex(iv)).toBe('4d266000a550edabbf4c7ce40fd0043cc92230184cd317a5cc9c2482fd3b9318');
    });

    it('test_calc_server_key: message key/iv for x = 8', () => {
      const { key, iv } = messageAesKeyIv(c, sequence(256), sequence(16), true);
      expect(toHex(key)).toBe('217725799b245806458174a1fcfbc883906807b15033fdd0ea2b4d69cf9c364e');
      expect(toHex(iv)).toBe('669a6538917a4fa56ca32360a431c9160be4ad887140980dab91ce7bdc47ffbc');
    });

    it('test_encrypt_client_data_v2: encrypts with zero padding', () => {
      const plaintext = new TextEncoder().encode('Hello, world! This data should remain secure!');
      const packet = encryptMessage(c, sequence(256), plaintext, false, replay(new Uint8Array(32)));
      expect(toHex(packet)).toBe(
        '32d1586ea457dfc8a81729d46db54019a2bfd7f744f9b96c4f716cfdc4477db2a2c15f6ddb85235fb9552f1d8407c6aaea00cc844c5a1bf6ac44b79b5edc2a23868b3d6073a590992c0f2975243d563ea180d218ee757c9a',
      );
    });

    it('test_decrypt_server_data_v2: decrypts a real server packet', () => {
      const padded = decryptMessage(c, SERVER_AUTH_KEY, SERVER_CIPHERTEXT, true);
      expect(toHex(padded)).toBe(SERVER_PLAINTEXT);
    });

    it('test_key_from_nonce: tmp_aes_key/iv from server_nonce 0..15, new_nonce 0..31', () => {
      const { key, iv } = tmpAesKeyIv(c, sequence(32), sequence(16));
      expect(toHex(key)).toBe('0758f1533b615d24f6e8a94a6fcbee0a55eaab2217d7295ca9213d1a2d7d16a6');
      expect(toHex(iv)).toBe('5a84108e9805656ce864070e166e6218f6783e8511471a5ab7802cf200010203');
    });

    it('test_verify_ige_encryption / test_verify_ige_decryption (data = key = iv = 0..31)', () => {
      const x = sequence(32);
      expect(toHex(c.aesIgeEncrypt(x, x, x))).toBe(
        'e28112a53e5c89c7b1ea8071c133699fd4e86b26c4bac9fc5af1ab8ce27a44a4',
      );
      expect(toHex(c.aesIgeDecrypt(x, x, x))).toBe(
        'e5777afacd7b2c16f7ac40cae61ef603fee6098fb8a8860ab9ee672cd7e5bacc',
      );
    });
  });

  // Telethon v1 tests/telethon/test_helpers.py test_generate_key_data_from_nonce: the nonces
  // are the integers 123456789 and 1234567 in little-endian byte order.
  it('test_helpers.py (v1) test_generate_key_data_from_nonce', () => {
    const serverNonce = bigIntToBytes(123456789n, 16).reverse();
    const newNonce = bigIntToBytes(1234567n, 32).reverse();
    const { key, iv } = tmpAesKeyIv(c, newNonce, serverNonce);
    expect(toHex(key)).toBe('345c11141f0a9f0fe4026bcf5a3b6b41ab96cac1c29557d087450e01a001a990');
    expect(toHex(iv)).toBe('d40823854f5e0ef2518c58a4ef76e3476cd91004f32ff8cbbbdca87587d61200');
  });

  // Telethon v2 client/tests/auth_key_test.py (auth key 0..255, new_nonce 0..31 big-endian).
  describe('auth_key_test.py', () => {
    it('test_auth_key_aux_hash and test_auth_key_id', () => {
      expect(toHex(authKeyAuxHash(c, sequence(256)))).toBe('4916d6bdb7f78e68');
      expect(toHex(authKeyId(c, sequence(256)))).toBe('32d1586ea457dfc8');
    });

    it.each([
      [1, 258944117842285651226187582903746985063n],
      [2, 324588944215647649895949797213421233055n],
      [3, 100989356540453064705070297823778556733n],
    ] as const)('test_calc_new_nonce_hash%i', (n, expected) => {
      expect(bytesToBigInt(newNonceHash(c, sequence(32), sequence(256), n))).toBe(expected);
    });
  });

  // Telethon v2 client/tests/rsa_test.py
  describe('rsa_test.py', () => {
    it('test_fingerprint_1 / test_fingerprint_2', () => {
      const [prod] = TELEGRAM_RSA_KEYS;
      const [test] = TELEGRAM_TEST_RSA_KEYS;
      expect(rsaFingerprint(c, prod.n, prod.e)).toBe(-3414540481677951611n);
      expect(rsaFingerprint(c, test.n, test.e)).toBe(-5595554452916591101n);
    });

    it('test_rsa_encryption: RSA_PAD with fixed randomness under the test-DC key', () => {
      const [testKey] = TELEGRAM_TEST_RSA_KEYS;
      // Telethon builds this key from the decimal modulus; it is the test-DC key we ship.
      expect(bytesToBigInt(testKey.n)).toBe(
        25342889448840415564971689590713473206898847759084779052582026594546022463853940585885215951168491965708222649399180603818074200620463776135424884632162512403163793083921641631564740959529419359595852941166848940585952337613333022396096584117954892216031229237302943701877588456738335398602461675225081791820393153757504952636234951323237820036543581047826906120927972487366805292115792231423684261262330394324750785450942589751755390156647751460719351439969059949569615302809050721500330239005077889855323917509948255722081644689442127297605422579707142646660768825302832201908302295573257427896031830742328565032949n,
      );
      const padding = RSA_RANDOM.subarray(0, 192 - RSA_DATA.length);
      const random = replay(concatBytes(padding, RSA_RANDOM.subarray(192)));
      expect(toHex(rsaPad(c, RSA_DATA, testKey, random))).toBe(RSA_ENCRYPTED);
    });
  });

  // Telethon v2 client/tests/two_factor_auth_test.py
  describe('two_factor_auth_test.py', () => {
    it('test_calculations_1 (tiny group)', async () => {
      const params = {
        g: 3,
        p: bigIntToBytes(47n, 256),
        salt1: Uint8Array.of(1),
        salt2: Uint8Array.of(2),
        srpB: Uint8Array.of(5),
        srpId: 0n,
      };
      const answer = await computeSrpUnchecked(c, params, Uint8Array.of(7), Uint8Array.of(6));
      expect(toHex(answer.M1)).toBe(
        '9d83c46700b874e807c455e711241ede9eea62583b3847d7b77b7a32132036ce',
      );
      expect(toHex(answer.A)).toBe(`${'00'.repeat(255)}18`);
    });

    it('test_calculations_2 (password "234567")', async () => {
      const params = { g: 3, p: SRP2.p, salt1: SRP2.salt1, salt2: SRP2.salt2, srpB: SRP2.gB };
      const answer = await computeSrpUnchecked(c, { ...params, srpId: 0n }, '234567', SRP2.a);
      expect(toHex(answer.M1)).toBe(SRP2.M1);
      expect(toHex(answer.A)).toBe(SRP2.A);
    });
  });
});

// Telethon v2 client/tests/factorize_test.py (pure integer arithmetic, no provider involved).
describe('Telethon vectors: factorize_test.py', () => {
  it.each([
    [1470626929934143021n, 1206429347n, 1218991343n],
    [2363612107535801713n, 1518968219n, 1556064227n],
    [2000000000000000006n, 2n, 1000000000000000003n],
  ])('factorises %s', (pq, p, q) => {
    const result = factorizePq(bigIntToBytes(pq));
    expect(bytesToBigInt(result.p)).toBe(p);
    expect(bytesToBigInt(result.q)).toBe(q);
  });
});
