import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64urlDecode, base64urlEncode } from './base64url.js';
import { InvalidLoginTokenError } from './errors.js';
import { LoginToken, nextCodeKind, sentCodeKind } from './login-token.js';

const fields = {
  phone: '447911123456',
  phoneCodeHash: 'a1b2c3d4e5f6',
  dcId: 4,
  type: 'sms' as const,
  codeLength: 5,
  nextType: 'call' as const,
  timeoutSeconds: 120,
  createdAt: new Date(1_790_000_000_000),
};

describe('base64url', () => {
  // RFC 4648 §10 test vectors (base64url alphabet, padding removed).
  it.each([
    ['', ''],
    ['f', 'Zg'],
    ['fo', 'Zm8'],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg'],
    ['fooba', 'Zm9vYmE'],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %j', (text, encoded) => {
    const bytes = new TextEncoder().encode(text);
    expect(base64urlEncode(bytes)).toBe(encoded);
    expect(base64urlDecode(encoded)).toEqual(bytes);
  });

  it('uses - and _ instead of + and /', () => {
    expect(base64urlEncode(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
  });

  it('round-trips any bytes and matches Node base64url', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const encoded = base64urlEncode(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64url'));
        expect(base64urlDecode(encoded)).toEqual(bytes);
      }),
    );
  });

  it('rejects text that is not base64url', () => {
    expect(base64urlDecode('Zm9v+')).toBeUndefined();
    expect(base64urlDecode('Z')).toBeUndefined();
    expect(base64urlDecode('Zm9v=')).toBeUndefined();
  });
});

describe('LoginToken', () => {
  it('round-trips through its string form', () => {
    const token = new LoginToken(fields);
    const text = token.toString();
    expect(text).toMatch(/^telets-login\.1\.[A-Za-z0-9_-]+$/);
    const back = LoginToken.fromString(text);
    expect(back).toBeInstanceOf(LoginToken);
    expect({ ...back }).toEqual({ ...token });
    expect(back.createdAt.getTime()).toBe(fields.createdAt.getTime());
    expect(JSON.stringify({ token })).toBe(JSON.stringify({ token: text }));
  });

  it('round-trips without the optional fields', () => {
    const token = new LoginToken({
      phone: '15550109999',
      phoneCodeHash: 'h',
      dcId: 1,
      type: 'app',
      createdAt: new Date(0),
    });
    const back = LoginToken.fromString(token.toString());
    expect(back.codeLength).toBeUndefined();
    expect(back.nextType).toBeUndefined();
    expect(back.timeoutSeconds).toBeUndefined();
    expect(back.resendAvailableAt).toBeUndefined();
    expect({ ...back }).toEqual({ ...token });
  });

  it('says when the code can be resent', () => {
    const token = new LoginToken(fields);
    expect(token.resendAvailableAt?.getTime()).toBe(fields.createdAt.getTime() + 120_000);
  });

  it('round-trips arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{5,15}$/),
        fc.string({ minLength: 1 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (phone, phoneCodeHash, dcId, ms) => {
          const token = new LoginToken({
            phone,
            phoneCodeHash,
            dcId,
            type: 'app',
            createdAt: new Date(ms),
          });
          expect({ ...LoginToken.fromString(token.toString()) }).toEqual({ ...token });
        },
      ),
    );
  });

  it.each([
    ['', /not a LoginToken/],
    ['hello', /not a LoginToken/],
    ['telets-login.1.!!!', /damaged/],
    [`telets-login.1.${base64urlEncode(new TextEncoder().encode('[1,2]'))}`, /damaged \(phone\)/],
    [
      `telets-login.1.${base64urlEncode(new TextEncoder().encode('"x"'))}`,
      /damaged \(not an object\)/,
    ],
    [`telets-login.1.${base64urlEncode(new TextEncoder().encode('{'))}`, /damaged/],
  ])('rejects %j with a typed error', (text, message) => {
    expect(() => LoginToken.fromString(text)).toThrow(InvalidLoginTokenError);
    expect(() => LoginToken.fromString(text)).toThrow(message);
  });

  it('rejects each damaged field', () => {
    const good = JSON.parse(
      new TextDecoder().decode(base64urlDecode(new LoginToken(fields).toString().slice(15))),
    );
    const cases: [string, unknown, RegExp][] = [
      ['p', '+44 12', /phone/],
      ['h', '', /phone code hash/],
      ['d', 0, /dc id/],
      ['t', 5, /code type/],
      ['l', -1, /code length/],
      ['n', 3, /next code type/],
      ['s', 'soon', /timeout/],
      ['c', 'yesterday', /creation time/],
    ];
    for (const [key, value, message] of cases) {
      const text = `telets-login.1.${base64urlEncode(new TextEncoder().encode(JSON.stringify({ ...good, [key]: value })))}`;
      expect(() => LoginToken.fromString(text), key).toThrow(message);
    }
  });
});

describe('code kinds', () => {
  it('reads how the code was sent and its length', () => {
    expect(sentCodeKind({ _: 'auth.sentCodeTypeApp', length: 5 })).toEqual({
      kind: 'app',
      codeLength: 5,
    });
    expect(sentCodeKind({ _: 'auth.sentCodeTypeFlashCall', pattern: '*' })).toEqual({
      kind: 'flashCall',
    });
    expect(
      sentCodeKind({ _: 'auth.sentCodeTypeEmailCode', emailPattern: 'a*@b.c', length: 6 }),
    ).toEqual({ kind: 'email', codeLength: 6 });
    expect(nextCodeKind({ _: 'auth.codeTypeCall' })).toBe('call');
    expect(nextCodeKind({ _: 'auth.codeTypeFragmentSms' })).toBe('fragment');
  });
});
