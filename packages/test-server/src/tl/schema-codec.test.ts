import { readFileSync } from 'node:fs';
import { deserialize, serialize, type TlObject } from '@telets/tl-schema';
import { describe, expect, it } from 'vitest';
import { apiCodec, mtprotoCodec, resolveLayer } from './layers.node.js';
import type { TlObj } from './object.js';
import { SchemaCodecError } from './schema-codec.js';

const user: TlObj = {
  _: 'user',
  self: true,
  id: 1000001n,
  accessHash: -5n,
  firstName: 'Ann',
  phone: '9996620001',
  status: { _: 'userStatusRecently' },
};

describe('schema codec', () => {
  it('keeps layer 228 identical to the generated codec', () => {
    const objects: TlObj[] = [
      user,
      { _: 'auth.authorization', user },
      {
        _: 'auth.sentCode',
        type: { _: 'auth.sentCodeTypeApp', length: 5 },
        phoneCodeHash: 'abc',
        timeout: 60,
      },
      { _: 'updates.state', pts: 1, qts: 0, date: 5, seq: 1, unreadCount: 0 },
      {
        _: 'invokeWithLayer',
        layer: 228,
        query: {
          _: 'initConnection',
          apiId: 1,
          deviceModel: 'd',
          systemVersion: 's',
          appVersion: 'a',
          systemLangCode: 'en',
          langPack: '',
          langCode: 'en',
          query: { _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] },
        },
      },
    ];
    const codec = apiCodec(228);
    for (const obj of objects) {
      const generated = serialize(obj as unknown as TlObject);
      expect(codec.encode(obj)).toEqual(generated);
      expect(deserialize(codec.encode(obj))).toEqual(codec.decode(generated));
    }
  });

  it('encodes results by their declared type', () => {
    const codec = apiCodec(228);
    expect(codec.encodeResult('auth.cancelCode', true)).toEqual(
      Uint8Array.of(0xb5, 0x75, 0x72, 0x99),
    );
    const vector = codec.encodeResult('users.getUsers', [user]);
    expect([...vector.subarray(0, 8)]).toEqual([0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0]);
    expect(codec.decode(vector.subarray(8))).toEqual(deserialize(vector.subarray(8)));
  });

  it('writes a 228 user in layer 198 with 198 ids, dropping fields 198 lacks', () => {
    const codec = apiCodec(198);
    const bytes = codec.encode({ ...user, linkedCommunityId: 7n });
    expect(new DataView(bytes.buffer).getUint32(0, true)).toBe(0x4b46c37e);
    const back = codec.decode(bytes);
    expect(back).toMatchObject({ _: 'user', id: 1000001n, firstName: 'Ann', phone: '9996620001' });
    expect(back.linkedCommunityId).toBeUndefined();
  });

  it('fills fields an old layer requires but the object lacks with defaults', () => {
    const codec = apiCodec(198);
    const full = codec.encode({
      _: 'userFull',
      id: 1n,
      settings: { _: 'peerSettings' },
      notifySettings: { _: 'peerNotifySettings' },
      commonChatsCount: 0,
    });
    expect(codec.decode(full)).toMatchObject({ _: 'userFull', id: 1n, commonChatsCount: 0 });
  });

  it('picks the newest served layer not above the announced one', () => {
    expect(resolveLayer(228)).toBe(228);
    expect(resolveLayer(300)).toBe(228);
    expect(resolveLayer(227)).toBe(227);
    expect(resolveLayer(226)).toBe(198);
    expect(resolveLayer(100)).toBe(198);
  });

  it('reports unknown constructors with their id', () => {
    const bytes = Uint8Array.of(1, 2, 3, 4);
    expect(() => apiCodec(228).decode(bytes)).toThrow(SchemaCodecError);
    try {
      apiCodec(228).decode(bytes);
    } catch (error) {
      expect((error as SchemaCodecError).constructorId).toBe(0x04030201);
    }
  });

  it('keeps binary mtproto strings as bytes', () => {
    const codec = mtprotoCodec();
    const info = Uint8Array.of(0xff, 0x80, 4);
    const bytes = codec.encode({ _: 'msgs_state_info', reqMsgId: 4n, info });
    expect(codec.decode(bytes)).toEqual({ _: 'msgs_state_info', reqMsgId: 4n, info });
  });

  it('ships the same 228 schema as @telets/tl-schema', () => {
    const ours = readFileSync(new URL('../../schema/api-228.tl', import.meta.url), 'utf8');
    const theirs = readFileSync(
      new URL('../../../tl-schema/schema/api.tl', import.meta.url),
      'utf8',
    );
    expect(ours).toBe(theirs);
  });
});
