/**
 * Wire format of the auth-key exchange messages of mtproto.tl. They are read and written here
 * by hand because their `string` fields (pq, p, q, encrypted_data, dh_prime, g_a, g_b) carry
 * raw bytes, not text; everything is Uint8Array. Decoders check the constructor id and reject
 * trailing bytes; failures are SecurityErrors (nothing from a malformed message is used).
 */
import { TlReader, TlWriter } from '@telets/tl-schema';
import { SecurityError } from './errors.js';

export const HANDSHAKE_IDS = {
  reqPq: 0x60469778,
  reqPqMulti: 0xbe7e8ef1,
  resPq: 0x05162463,
  pqInnerData: 0x83c95aec,
  pqInnerDataDc: 0xa9f55f95,
  reqDhParams: 0xd712e4be,
  serverDhParamsFail: 0x79cb045d,
  serverDhParamsOk: 0xd0e8075c,
  serverDhInnerData: 0xb5890dba,
  clientDhInnerData: 0x6643b654,
  setClientDhParams: 0xf5045f1f,
  dhGenOk: 0x3bcbf734,
  dhGenRetry: 0x46dc1fb9,
  dhGenFail: 0xa69dae02,
  vector: 0x1cb5c415,
} as const;

export interface ResPq {
  nonce: Uint8Array;
  serverNonce: Uint8Array;
  pq: Uint8Array;
  fingerprints: bigint[];
}

export interface PqInnerData {
  /** p_q_inner_data_dc carries `dc`; the old p_q_inner_data does not. */
  dc: number | undefined;
  pq: Uint8Array;
  p: Uint8Array;
  q: Uint8Array;
  nonce: Uint8Array;
  serverNonce: Uint8Array;
  newNonce: Uint8Array;
}

export interface ReqDhParams {
  nonce: Uint8Array;
  serverNonce: Uint8Array;
  p: Uint8Array;
  q: Uint8Array;
  fingerprint: bigint;
  encryptedData: Uint8Array;
}

export type ServerDhParams =
  | { kind: 'ok'; nonce: Uint8Array; serverNonce: Uint8Array; encryptedAnswer: Uint8Array }
  | { kind: 'fail'; nonce: Uint8Array; serverNonce: Uint8Array; newNonceHash: Uint8Array };

export interface ServerDhInnerData {
  nonce: Uint8Array;
  serverNonce: Uint8Array;
  g: number;
  dhPrime: Uint8Array;
  gA: Uint8Array;
  serverTime: number;
}

export interface ClientDhInnerData {
  nonce: Uint8Array;
  serverNonce: Uint8Array;
  retryId: bigint;
  gB: Uint8Array;
}

export interface SetClientDhParams {
  nonce: Uint8Array;
  serverNonce: Uint8Array;
  encryptedData: Uint8Array;
}

export interface DhGen {
  kind: 'ok' | 'retry' | 'fail';
  nonce: Uint8Array;
  serverNonce: Uint8Array;
  /** new_nonce_hash1, 2 or 3 according to `kind`. */
  newNonceHash: Uint8Array;
}

/** Reads one message; `exact` rejects trailing bytes. TL errors become SecurityErrors. */
function parse<T>(
  body: Uint8Array,
  what: string,
  exact: boolean,
  read: (r: TlReader, id: number) => T,
): T {
  const reader = new TlReader(body);
  let value: T;
  try {
    value = read(reader, reader.uint());
  } catch (error) {
    if (error instanceof SecurityError) throw error;
    throw new SecurityError('handshake', `malformed ${what}`, { cause: error });
  }
  if (exact && reader.remaining() !== 0) {
    throw new SecurityError('handshake', `trailing bytes after ${what}`);
  }
  return value;
}

function expectId(id: number, expected: number, what: string): void {
  if (id !== expected) {
    throw new SecurityError('handshake', `expected ${what}, got constructor 0x${id.toString(16)}`);
  }
}

export function encodeReqPqMulti(nonce: Uint8Array): Uint8Array {
  return new TlWriter().uint(HANDSHAKE_IDS.reqPqMulti).int128(nonce).finish();
}

/** Accepts req_pq_multi and the older req_pq. */
export function decodeReqPq(body: Uint8Array): { nonce: Uint8Array } {
  return parse(body, 'req_pq_multi', true, (r, id) => {
    if (id !== HANDSHAKE_IDS.reqPqMulti && id !== HANDSHAKE_IDS.reqPq)
      expectId(id, HANDSHAKE_IDS.reqPqMulti, 'req_pq_multi');
    return { nonce: r.int128() };
  });
}

export function encodeResPq(value: ResPq): Uint8Array {
  const w = new TlWriter().uint(HANDSHAKE_IDS.resPq).int128(value.nonce).int128(value.serverNonce);
  w.bytes(value.pq).uint(HANDSHAKE_IDS.vector).int(value.fingerprints.length);
  for (const fingerprint of value.fingerprints) w.long(fingerprint);
  return w.finish();
}

export function decodeResPq(body: Uint8Array): ResPq {
  return parse(body, 'resPQ', true, (r, id) => {
    expectId(id, HANDSHAKE_IDS.resPq, 'resPQ');
    const nonce = r.int128();
    const serverNonce = r.int128();
    const pq = r.bytes();
    expectId(r.uint(), HANDSHAKE_IDS.vector, 'Vector<long>');
    const count = r.int();
    if (count < 0 || count * 8 > r.remaining())
      throw new SecurityError('handshake', 'bad fingerprint count');
    const fingerprints: bigint[] = [];
    for (let i = 0; i < count; i++) fingerprints.push(r.long());
    return { nonce, serverNonce, pq, fingerprints };
  });
}

export function encodePqInnerData(value: PqInnerData): Uint8Array {
  const w = new TlWriter().uint(
    value.dc === undefined ? HANDSHAKE_IDS.pqInnerData : HANDSHAKE_IDS.pqInnerDataDc,
  );
  w.bytes(value.pq).bytes(value.p).bytes(value.q);
  w.int128(value.nonce).int128(value.serverNonce).int256(value.newNonce);
  if (value.dc !== undefined) w.int(value.dc);
  return w.finish();
}

/** Reads p_q_inner_data(_dc) from the start of `data`; RSA padding may follow it. */
export function decodePqInnerData(data: Uint8Array): PqInnerData {
  return parse(data, 'p_q_inner_data', false, (r, id) => {
    if (id !== HANDSHAKE_IDS.pqInnerDataDc && id !== HANDSHAKE_IDS.pqInnerData) {
      expectId(id, HANDSHAKE_IDS.pqInnerDataDc, 'p_q_inner_data_dc');
    }
    const pq = r.bytes();
    const p = r.bytes();
    const q = r.bytes();
    const nonce = r.int128();
    const serverNonce = r.int128();
    const newNonce = r.int256();
    const dc = id === HANDSHAKE_IDS.pqInnerDataDc ? r.int() : undefined;
    return { dc, pq, p, q, nonce, serverNonce, newNonce };
  });
}

export function encodeReqDhParams(value: ReqDhParams): Uint8Array {
  return new TlWriter()
    .uint(HANDSHAKE_IDS.reqDhParams)
    .int128(value.nonce)
    .int128(value.serverNonce)
    .bytes(value.p)
    .bytes(value.q)
    .long(value.fingerprint)
    .bytes(value.encryptedData)
    .finish();
}

export function decodeReqDhParams(body: Uint8Array): ReqDhParams {
  return parse(body, 'req_DH_params', true, (r, id) => {
    expectId(id, HANDSHAKE_IDS.reqDhParams, 'req_DH_params');
    return {
      nonce: r.int128(),
      serverNonce: r.int128(),
      p: r.bytes(),
      q: r.bytes(),
      fingerprint: r.long(),
      encryptedData: r.bytes(),
    };
  });
}

export function encodeServerDhParams(value: ServerDhParams): Uint8Array {
  const w = new TlWriter()
    .uint(value.kind === 'ok' ? HANDSHAKE_IDS.serverDhParamsOk : HANDSHAKE_IDS.serverDhParamsFail)
    .int128(value.nonce)
    .int128(value.serverNonce);
  if (value.kind === 'ok') w.bytes(value.encryptedAnswer);
  else w.int128(value.newNonceHash);
  return w.finish();
}

export function decodeServerDhParams(body: Uint8Array): ServerDhParams {
  return parse(body, 'Server_DH_Params', true, (r, id) => {
    if (id === HANDSHAKE_IDS.serverDhParamsFail) {
      return { kind: 'fail', nonce: r.int128(), serverNonce: r.int128(), newNonceHash: r.int128() };
    }
    expectId(id, HANDSHAKE_IDS.serverDhParamsOk, 'server_DH_params_ok');
    return { kind: 'ok', nonce: r.int128(), serverNonce: r.int128(), encryptedAnswer: r.bytes() };
  });
}

export function encodeServerDhInnerData(value: ServerDhInnerData): Uint8Array {
  return new TlWriter()
    .uint(HANDSHAKE_IDS.serverDhInnerData)
    .int128(value.nonce)
    .int128(value.serverNonce)
    .int(value.g)
    .bytes(value.dhPrime)
    .bytes(value.gA)
    .int(value.serverTime)
    .finish();
}

/** Reads server_DH_inner_data from the start of `data` (padding may follow). */
export function decodeServerDhInnerData(data: Uint8Array): {
  value: ServerDhInnerData;
  length: number;
} {
  let length = 0;
  const value = parse(data, 'server_DH_inner_data', false, (r, id) => {
    expectId(id, HANDSHAKE_IDS.serverDhInnerData, 'server_DH_inner_data');
    const result = {
      nonce: r.int128(),
      serverNonce: r.int128(),
      g: r.int(),
      dhPrime: r.bytes(),
      gA: r.bytes(),
      serverTime: r.int(),
    };
    length = r.offset;
    return result;
  });
  return { value, length };
}

export function encodeClientDhInnerData(value: ClientDhInnerData): Uint8Array {
  return new TlWriter()
    .uint(HANDSHAKE_IDS.clientDhInnerData)
    .int128(value.nonce)
    .int128(value.serverNonce)
    .long(value.retryId)
    .bytes(value.gB)
    .finish();
}

/** Reads client_DH_inner_data from the start of `data` (padding may follow). */
export function decodeClientDhInnerData(data: Uint8Array): {
  value: ClientDhInnerData;
  length: number;
} {
  let length = 0;
  const value = parse(data, 'client_DH_inner_data', false, (r, id) => {
    expectId(id, HANDSHAKE_IDS.clientDhInnerData, 'client_DH_inner_data');
    const result = { nonce: r.int128(), serverNonce: r.int128(), retryId: r.long(), gB: r.bytes() };
    length = r.offset;
    return result;
  });
  return { value, length };
}

export function encodeSetClientDhParams(value: SetClientDhParams): Uint8Array {
  return new TlWriter()
    .uint(HANDSHAKE_IDS.setClientDhParams)
    .int128(value.nonce)
    .int128(value.serverNonce)
    .bytes(value.encryptedData)
    .finish();
}

export function decodeSetClientDhParams(body: Uint8Array): SetClientDhParams {
  return parse(body, 'set_client_DH_params', true, (r, id) => {
    expectId(id, HANDSHAKE_IDS.setClientDhParams, 'set_client_DH_params');
    return { nonce: r.int128(), serverNonce: r.int128(), encryptedData: r.bytes() };
  });
}

const DH_GEN_KINDS: Record<number, DhGen['kind']> = {
  [HANDSHAKE_IDS.dhGenOk]: 'ok',
  [HANDSHAKE_IDS.dhGenRetry]: 'retry',
  [HANDSHAKE_IDS.dhGenFail]: 'fail',
};

export function encodeDhGen(value: DhGen): Uint8Array {
  const id = {
    ok: HANDSHAKE_IDS.dhGenOk,
    retry: HANDSHAKE_IDS.dhGenRetry,
    fail: HANDSHAKE_IDS.dhGenFail,
  }[value.kind];
  return new TlWriter()
    .uint(id)
    .int128(value.nonce)
    .int128(value.serverNonce)
    .int128(value.newNonceHash)
    .finish();
}

export function decodeDhGen(body: Uint8Array): DhGen {
  return parse(body, 'Set_client_DH_params_answer', true, (r, id) => {
    const kind = DH_GEN_KINDS[id];
    if (kind === undefined) expectId(id, HANDSHAKE_IDS.dhGenOk, 'dh_gen_ok/retry/fail');
    return { kind, nonce: r.int128(), serverNonce: r.int128(), newNonceHash: r.int128() };
  });
}

/** Constructor id at the start of a handshake body (to dispatch on), or -1. */
export function handshakeIdOf(body: Uint8Array): number {
  if (body.length < 4) return -1;
  return (body[0] | (body[1] << 8) | (body[2] << 16) | (body[3] << 24)) >>> 0;
}
