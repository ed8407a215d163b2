import { describe, expect, it } from 'vitest';
import { RpcFailure } from '../errors.js';
import { AccountStore } from './accounts.js';
import { FloodControl } from './flood.js';
import { normalizePhone, testNumberCode, testNumberDc } from './phone.js';

describe('phones', () => {
  it('normalises what people type and recognises test numbers', () => {
    expect(normalizePhone('+999 66-2 (0001)')).toBe('9996620001');
    expect(normalizePhone('12')).toBeUndefined();
    expect(normalizePhone('abc12345')).toBeUndefined();
    expect(testNumberDc('9996620001')).toBe(2);
    expect(testNumberDc('99966200011')).toBeUndefined();
    expect(testNumberDc('447700900123')).toBeUndefined();
    expect(testNumberCode(3)).toBe('33333');
  });
});

describe('accounts', () => {
  it('creates test numbers on first use on their DC, only for DCs that exist', () => {
    const store = new AccountStore([1, 2], () => 5n);
    expect(store.findOrCreateTestAccount('9996620001')?.dcId).toBe(2);
    expect(store.findOrCreateTestAccount('9996620001')).toBe(store.byPhoneNumber('9996620001'));
    expect(store.findOrCreateTestAccount('9996630001')).toBeUndefined();
    expect(() => store.addUser({ phone: '9996620001', dcId: 2, firstName: 'x' })).toThrow(/taken/);
  });

  it('finds bots by exact token only', () => {
    const store = new AccountStore([1], () => 5n);
    store.addBot({ id: 42n, secret: 'abc', dcId: 1, firstName: 'Bot' });
    expect(store.botByToken('42:abc')?.id).toBe(42n);
    expect(store.botByToken('42:abd')).toBeUndefined();
    expect(store.botByToken('42:')).toBeUndefined();
    expect(store.botByToken(' 42:abc')).toBeUndefined();
    expect(() => store.addBot({ id: 42n, secret: 'x', dcId: 1, firstName: 'B' })).toThrow(/taken/);
    expect(() => store.addBot({ secret: 'bad secret', dcId: 1, firstName: 'B' })).toThrow(/secret/);
  });
});

describe('flood control', () => {
  it('counts per method and key in a sliding window', () => {
    const flood = new FloodControl(new Map([['m', { maxRequests: 2, windowMs: 10_000 }]]));
    flood.check('m', 'a', 0);
    flood.check('m', 'a', 1000);
    flood.check('m', 'b', 1000);
    flood.check('other', 'a', 1000);
    let error: unknown;
    try {
      flood.check('m', 'a', 2500);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RpcFailure);
    expect((error as RpcFailure).errorMessage).toBe('FLOOD_WAIT_8');
    expect((error as RpcFailure).code).toBe(420);
    flood.check('m', 'a', 10_000);
    flood.setLimit('m', undefined);
    for (let i = 0; i < 10; i++) flood.check('m', 'a', 10_001);
  });
});
