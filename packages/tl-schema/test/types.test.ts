// Compile-time checks of the generated types (vitest's expectTypeOf fails typecheck on mismatch)
// plus the runtime behaviour the types promise.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type Api,
  is,
  LAYER,
  type ResultOf,
  readResult,
  serialize,
  type TlByName,
  type TlFunction,
} from '../src/index';

// Stands in for Client.invoke: only its inferred type matters here.
function invoke<F extends TlFunction>(req: F): Promise<ResultOf<F>> {
  return Promise.reject(new Error(`not sent: ${req._}`));
}

describe('generated types', () => {
  it('types function results', () => {
    expectTypeOf<ResultOf<Api.help.getConfig>>().toEqualTypeOf<Api.Config>();
    expectTypeOf<ResultOf<Api.auth.sendCode>>().toEqualTypeOf<Api.auth.SentCode>();
    expectTypeOf<ResultOf<Api.account.updateStatus>>().toEqualTypeOf<boolean>();
    expectTypeOf<
      ResultOf<Api.messages.getMessagesViews>
    >().toEqualTypeOf<Api.messages.MessageViews>();
    expectTypeOf<ResultOf<Api.req_pq_multi>>().toEqualTypeOf<Api.ResPQ>();
    expectTypeOf<ResultOf<Api.ping>>().toEqualTypeOf<Api.Pong>();
  });

  it('resolves generic wrappers to the result of their query, through inference', () => {
    const p = invoke({
      _: 'invokeWithLayer',
      layer: LAYER,
      query: {
        _: 'initConnection',
        apiId: 1,
        deviceModel: 'd',
        systemVersion: 's',
        appVersion: 'a',
        systemLangCode: 'en',
        langPack: '',
        langCode: 'en',
        query: { _: 'help.getConfig' },
      },
    });
    expectTypeOf(p).toEqualTypeOf<Promise<Api.Config>>();
    // A wrapper whose query is only known as "some function" has an unknown result.
    expectTypeOf<ResultOf<Api.invokeWithLayer>>().toEqualTypeOf<unknown>();
    const q = invoke({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] });
    expectTypeOf(q).toEqualTypeOf<Promise<Api.User[]>>();
    expect(typeof p).toBe('object');
    p.catch(() => {});
    q.catch(() => {});
  });

  it('types the README example (an `as const` request)', () => {
    const request = {
      _: 'invokeWithLayer',
      layer: LAYER,
      query: { _: 'help.getNearestDc' },
    } as const;
    const answer = serialize({ _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 4 });
    const nearest = readResult(request, answer);
    expectTypeOf(nearest).toEqualTypeOf<Api.NearestDc>();
    expect(nearest).toEqual({ _: 'nearestDc', country: 'NL', thisDc: 2, nearestDc: 4 });
  });

  it('maps TL primitives to the documented JS types', () => {
    expectTypeOf<Api.resPQ['nonce']>().toEqualTypeOf<Uint8Array>();
    expectTypeOf<Api.resPQ['serverPublicKeyFingerprints']>().toEqualTypeOf<bigint[]>();
    expectTypeOf<Api.auth.sentCode['timeout']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Api.user['bot']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<TlByName['auth.sentCode']>().toEqualTypeOf<Api.auth.sentCode>();
    expectTypeOf<TlByName['rpc_error']['errorMessage']>().toEqualTypeOf<string>();
  });

  it('narrows with is()', () => {
    const x: unknown = { _: 'pong', msgId: 1n, pingId: 2n };
    if (is('pong', x)) expectTypeOf(x.pingId).toEqualTypeOf<bigint>();
    expect(is('pong', x)).toBe(true);
    expect(is('ping', x)).toBe(false);
    expect(is('pong', null)).toBe(false);
  });

  it('reads a Vector<long> result as bigint[]', () => {
    const bytes = new Uint8Array([
      0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff,
      0xff, 0xff, 0xff,
    ]);
    const v = readResult({ _: 'messages.receivedQueue', maxQts: 0 }, bytes);
    expectTypeOf(v).toEqualTypeOf<bigint[]>();
    expect(v).toEqual([1n, -1n]);
    expect(
      readResult({ _: 'account.updateStatus', offline: true }, serialize({ _: 'boolTrue' })),
    ).toBe(true);
  });
});
