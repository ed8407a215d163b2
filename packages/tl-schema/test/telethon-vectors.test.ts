// Published TL serialisation vectors of Telethon (github.com/LonamiWebs/Telethon):
// branch v2 client/tests/serializable_test.py and client/tests/reader_test.py (string
// encodings, generated objects, repeated reads), branch v1 tests/telethon/tl/test_serialization.py
// (a wrongly typed nested value must fail to serialise), branch v2 client/tests/mtproto_types_test.py
// (a real rpc_result carrying gzip_packed).
import { describe, expect, it } from 'vitest';
import {
  type Api,
  deserialize,
  gunzip,
  serialize,
  TlReader,
  TlWriteError,
  TlWriter,
} from '../src/index';

const ascii = (s: string): number[] => [...new TextEncoder().encode(s)];

const LONG_STRING =
  'This is a very long string, and it has to be longer than 253 characters, which are quite a ' +
  'few but we can make it! Although, it is quite challenging. The quick brown fox jumps over ' +
  'the lazy fox. There is still some more text we need to type. Oh, this sentence made it past!';

// [string, prefix, suffix] as in both Telethon files' test_string parametrisation.
const STRING_CASES: ReadonlyArray<readonly [string, number[], number[]]> = [
  ['', [0x00], [0x00, 0x00, 0x00]],
  ['Hi', [0x02], [0x00]],
  ['Hi!', [0x03], []],
  ['Hello', [0x05], [0x00, 0x00]],
  ['Hello, world!', [0x0d], [0x00, 0x00]],
  [LONG_STRING, [0xfe, 0x11, 0x01, 0x00], [0x00, 0x00, 0x00]],
];

describe('Telethon serializable_test.py / reader_test.py test_string', () => {
  it('the long case is the 273-character string Telethon uses', () => {
    expect(LONG_STRING.length).toBe(0x111);
  });

  it.each(STRING_CASES)('%j is prefix + ascii + padding', (text, prefix, suffix) => {
    const expected = Uint8Array.from([...prefix, ...ascii(text), ...suffix]);
    expect(new TlWriter().string(text).finish()).toEqual(expected);
    expect(new TlWriter().bytes(Uint8Array.from(ascii(text))).finish()).toEqual(expected);
    const reader = new TlReader(expected);
    expect(reader.string()).toBe(text);
    expect(reader.remaining()).toBe(0);
  });
});

describe('Telethon reader_test.py test_generated_object', () => {
  it.each([
    [
      0xb2a2f663,
      {
        _: 'geoPoint',
        long: 12.34,
        lat: 56.78,
        accessHash: 123123n,
        accuracyRadius: 100,
      } satisfies Api.geoPoint,
    ],
    [
      0xedab447b,
      {
        _: 'bad_server_salt',
        badMsgId: 1234n,
        badMsgSeqno: 5678,
        errorCode: 9876,
        newServerSalt: 5432n,
      } satisfies Api.bad_server_salt,
    ],
  ] as const)('constructor id %i prefixes the object, which reads back equal', (id, obj) => {
    const bytes = serialize(obj);
    expect(new TlReader(bytes).uint()).toBe(id);
    expect(deserialize(bytes)).toEqual(obj);
  });
});

describe('Telethon reader_test.py test_repeated_read', () => {
  it('consecutive reads advance through the buffer', () => {
    const data = Uint8Array.from({ length: 8 }, (_, i) => i);
    const reader = new TlReader(data);
    expect(reader.raw(4)).toEqual(Uint8Array.of(0, 1, 2, 3));
    expect(reader.raw(4)).toEqual(Uint8Array.of(4, 5, 6, 7));
    expect(reader.remaining()).toBe(0);
  });
});

describe('Telethon v1 test_serialization.py test_nested_invalid_serialization', () => {
  it('refuses a bare long where a nested InputUser belongs', () => {
    const request = {
      _: 'account.setPrivacy',
      key: { _: 'inputPrivacyKeyChatInvite' },
      // Telethon passes 2**62 in place of an InputUser; TypeScript would refuse it too.
      rules: [
        { _: 'inputPrivacyValueDisallowUsers', users: [(2n ** 62n) as unknown as Api.InputUser] },
      ],
    } satisfies Api.account.setPrivacy;
    expect(() => serialize(request)).toThrow(TlWriteError);
    expect(() => serialize(request)).toThrow(/InputUser/);
  });
});

// Telethon v2 client/tests/mtproto_types_test.py test_gzip_decompress: a server rpc_result whose
// result is gzip_packed; the packed data inflates to 984 bytes.
const RPC_RESULT_GZIP = Uint8Array.from(
  [
    '016d5cf384299645364b315ea1cf7230fe8c01001f8b080000000000000395933d4bc35014864f3e1454aa01',
    '111c441c846eb7f726b9f99a3a0a827474aa366d120bada96d5a70d2d1517070167f8338e8e8e08f7070ee9f',
    'a8371fea4d5b521ab839244fde73defb2609aa1bdad13e80714ceab55352371fafdf6500d8f978d9db66b5f4',
    'f4bacb0a086c6d12dd4684ea889814510dde84942b0bb890f1b28a3171b0ab5a8eaf6a2dc74f2ed9913f357e',
    '75f15c31d7d73011c5b9b9b39cfc7131e35b3c2794f0bec47f5f86d974b0ee59b12fb5c897b49ccee5f723e5',
    'fcb09c08c6fc7e8ab890f139396a8b7294a773b2492ec7222e647cce7ef5a2b962a6e3f2371051319fe3127d',
    '5ddecfca4c0e7eaca3457e944c57b2098bd54294b9b130009fd334a776c61bbd91860691d741cdb00bf0c99e',
    'ab962468b15ad325b8633f0b1e027c3fc849fd628dcec7e977123f0bcf224c26939b78c1f830b917cfba75d6',
    '921af7393801b83f1312bd5266332fa2a837702a950875bd0a7bf741db5ff7c3617f70356cf43d90ddf665c0',
    '74ab4118061d2f0d5349cb0f3aba0d8dd8030000',
  ]
    .join('')
    .match(/../g) ?? [],
  (h) => Number.parseInt(h, 16),
);

describe('Telethon mtproto_types_test.py test_gzip_decompress', () => {
  it('reads rpc_result, then gzip_packed, and inflates 984 bytes', () => {
    expect(RPC_RESULT_GZIP.length).toBe(416);
    const reader = new TlReader(RPC_RESULT_GZIP);
    expect(reader.uint()).toBe(0xf35c6d01);
    reader.long();
    expect(reader.uint()).toBe(0x3072cfa1);
    const packed = reader.bytes();
    expect(reader.remaining()).toBe(0);
    expect(gunzip(packed)).toHaveLength(984);
  });
});
