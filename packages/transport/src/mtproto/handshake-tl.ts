/**
 * The auth-key exchange messages of mtproto.tl, as the transport's own plain shapes, written and
 * read by @telets/tl-schema's generated codecs. Decoders check the constructor id before reading
 * (so `gzip_packed` and the temp/other variants are refused) and reject trailing bytes; failures
 * are SecurityErrors (nothing from a malformed message is used).
 */
import {
  readType_Client_DH_Inner_Data,
  readType_P_Q_inner_data,
  readType_ResPQ,
  readType_Server_DH_inner_data,
  readType_Server_DH_Params,
  readType_Set_client_DH_params_answer,
  type TlByName,
  TlReader,
  TlWriter,
  type TlWriterBase,
  write_req_DH_params,
  write_req_pq_multi,
  write_set_client_DH_params,
  writeType_Client_DH_Inner_Data,
  writeType_P_Q_inner_data,
  writeType_ResPQ,
  writeType_Server_DH_inner_data,
  writeType_Server_DH_Params,
  writeType_Set_client_DH_params_answer,
} from '@telets/tl-schema';
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

interface Expected {
  /** The constructor ids accepted. */
  ids: readonly number[];
  /** How the message is named in errors. */
  what: string;
  /** How the expected constructor is named when another one arrives (default: `what`). */
  expectedName?: string;
  /** Whether bytes after the message are an error (false where RSA/AES padding follows). */
  isExact: boolean;
}

/** Reads one message with tl-schema's `read`; returns it and how many bytes it spans. */
function parse<T>(
  body: Uint8Array,
  expected: Expected,
  read: (r: TlReader) => T,
): { value: T; length: number } {
  const { what } = expected;
  const id = handshakeIdOf(body);
  if (id === -1) throw new SecurityError('handshake', `malformed ${what}`);
  if (!expected.ids.includes(id)) {
    throw new SecurityError(
      'handshake',
      `expected ${expected.expectedName ?? what}, got constructor 0x${id.toString(16)}`,
    );
  }
  const reader = new TlReader(body);
  let value: T;
  try {
    value = read(reader);
  } catch (error) {
    throw new SecurityError('handshake', `malformed ${what}`, { cause: error });
  }
  if (expected.isExact && reader.remaining() !== 0) {
    throw new SecurityError('handshake', `trailing bytes after ${what}`);
  }
  return { value, length: reader.offset };
}

/** Reads a request object (tl-schema has no per-function readers); its id was checked. */
function readRequest<
  N extends 'req_pq' | 'req_pq_multi' | 'req_DH_params' | 'set_client_DH_params',
>(r: TlReader): TlByName[N] {
  return r.object() as TlByName[N];
}

function write<T>(writeObject: (w: TlWriterBase, o: T) => void, object: T): Uint8Array {
  const w = new TlWriter();
  writeObject(w, object);
  return w.finish();
}

export function encodeReqPqMulti(nonce: Uint8Array): Uint8Array {
  return write(write_req_pq_multi, { _: 'req_pq_multi', nonce });
}

/** Accepts req_pq_multi and the older req_pq. */
export function decodeReqPq(body: Uint8Array): { nonce: Uint8Array } {
  const expected = {
    ids: [HANDSHAKE_IDS.reqPqMulti, HANDSHAKE_IDS.reqPq],
    what: 'req_pq_multi',
    isExact: true,
  };
  const { nonce } = parse(body, expected, readRequest<'req_pq' | 'req_pq_multi'>).value;
  return { nonce };
}

export function encodeResPq(value: ResPq): Uint8Array {
  const { nonce, serverNonce, pq, fingerprints } = value;
  return write(writeType_ResPQ, {
    _: 'resPQ',
    nonce,
    serverNonce,
    pq,
    serverPublicKeyFingerprints: fingerprints,
  });
}

export function decodeResPq(body: Uint8Array): ResPq {
  const expected = {
    ids: [HANDSHAKE_IDS.resPq],
    what: 'resPQ',
    isExact: true,
  };
  const { nonce, serverNonce, pq, serverPublicKeyFingerprints } = parse(
    body,
    expected,
    readType_ResPQ,
  ).value;
  return { nonce, serverNonce, pq, fingerprints: serverPublicKeyFingerprints };
}

export function encodePqInnerData(value: PqInnerData): Uint8Array {
  const { dc, pq, p, q, nonce, serverNonce, newNonce } = value;
  const fields = { pq, p, q, nonce, serverNonce, newNonce };
  return write(
    writeType_P_Q_inner_data,
    dc === undefined
      ? { _: 'p_q_inner_data', ...fields }
      : { _: 'p_q_inner_data_dc', ...fields, dc },
  );
}

/** Reads p_q_inner_data(_dc) from the start of `data`; RSA padding may follow it. */
export function decodePqInnerData(data: Uint8Array): PqInnerData {
  const expected = {
    ids: [HANDSHAKE_IDS.pqInnerDataDc, HANDSHAKE_IDS.pqInnerData],
    what: 'p_q_inner_data',
    expectedName: 'p_q_inner_data_dc',
    isExact: false,
  };
  const inner = parse(data, expected, readType_P_Q_inner_data).value;
  const { pq, p, q, nonce, serverNonce, newNonce } = inner;
  const dc = inner._ === 'p_q_inner_data_dc' ? inner.dc : undefined;
  return { dc, pq, p, q, nonce, serverNonce, newNonce };
}

export function encodeReqDhParams(value: ReqDhParams): Uint8Array {
  const { nonce, serverNonce, p, q, fingerprint, encryptedData } = value;
  return write(write_req_DH_params, {
    _: 'req_DH_params',
    nonce,
    serverNonce,
    p,
    q,
    publicKeyFingerprint: fingerprint,
    encryptedData,
  });
}

export function decodeReqDhParams(body: Uint8Array): ReqDhParams {
  const expected = {
    ids: [HANDSHAKE_IDS.reqDhParams],
    what: 'req_DH_params',
    isExact: true,
  };
  const request = parse(body, expected, readRequest<'req_DH_params'>).value;
  const { nonce, serverNonce, p, q, publicKeyFingerprint, encryptedData } = request;
  return { nonce, serverNonce, p, q, fingerprint: publicKeyFingerprint, encryptedData };
}

export function encodeServerDhParams(value: ServerDhParams): Uint8Array {
  const { nonce, serverNonce } = value;
  return write(
    writeType_Server_DH_Params,
    value.kind === 'ok'
      ? { _: 'server_DH_params_ok', nonce, serverNonce, encryptedAnswer: value.encryptedAnswer }
      : { _: 'server_DH_params_fail', nonce, serverNonce, newNonceHash: value.newNonceHash },
  );
}

export function decodeServerDhParams(body: Uint8Array): ServerDhParams {
  const expected = {
    ids: [HANDSHAKE_IDS.serverDhParamsFail, HANDSHAKE_IDS.serverDhParamsOk],
    what: 'Server_DH_Params',
    expectedName: 'server_DH_params_ok',
    isExact: true,
  };
  const params = parse(body, expected, readType_Server_DH_Params).value;
  const { nonce, serverNonce } = params;
  return params._ === 'server_DH_params_fail'
    ? { kind: 'fail', nonce, serverNonce, newNonceHash: params.newNonceHash }
    : { kind: 'ok', nonce, serverNonce, encryptedAnswer: params.encryptedAnswer };
}

export function encodeServerDhInnerData(value: ServerDhInnerData): Uint8Array {
  return write(writeType_Server_DH_inner_data, { _: 'server_DH_inner_data', ...value });
}

/** Reads server_DH_inner_data from the start of `data` (padding may follow). */
export function decodeServerDhInnerData(data: Uint8Array): {
  value: ServerDhInnerData;
  length: number;
} {
  const expected = {
    ids: [HANDSHAKE_IDS.serverDhInnerData],
    what: 'server_DH_inner_data',
    isExact: false,
  };
  const { value, length } = parse(data, expected, readType_Server_DH_inner_data);
  const { nonce, serverNonce, g, dhPrime, gA, serverTime } = value;
  return { value: { nonce, serverNonce, g, dhPrime, gA, serverTime }, length };
}

export function encodeClientDhInnerData(value: ClientDhInnerData): Uint8Array {
  return write(writeType_Client_DH_Inner_Data, { _: 'client_DH_inner_data', ...value });
}

/** Reads client_DH_inner_data from the start of `data` (padding may follow). */
export function decodeClientDhInnerData(data: Uint8Array): {
  value: ClientDhInnerData;
  length: number;
} {
  const expected = {
    ids: [HANDSHAKE_IDS.clientDhInnerData],
    what: 'client_DH_inner_data',
    isExact: false,
  };
  const { value, length } = parse(data, expected, readType_Client_DH_Inner_Data);
  const { nonce, serverNonce, retryId, gB } = value;
  return { value: { nonce, serverNonce, retryId, gB }, length };
}

export function encodeSetClientDhParams(value: SetClientDhParams): Uint8Array {
  return write(write_set_client_DH_params, { _: 'set_client_DH_params', ...value });
}

export function decodeSetClientDhParams(body: Uint8Array): SetClientDhParams {
  const expected = {
    ids: [HANDSHAKE_IDS.setClientDhParams],
    what: 'set_client_DH_params',
    isExact: true,
  };
  const request = parse(body, expected, readRequest<'set_client_DH_params'>).value;
  const { nonce, serverNonce, encryptedData } = request;
  return { nonce, serverNonce, encryptedData };
}

export function encodeDhGen(value: DhGen): Uint8Array {
  const { nonce, serverNonce, newNonceHash } = value;
  return write(
    writeType_Set_client_DH_params_answer,
    value.kind === 'ok'
      ? { _: 'dh_gen_ok', nonce, serverNonce, newNonceHash1: newNonceHash }
      : value.kind === 'retry'
        ? { _: 'dh_gen_retry', nonce, serverNonce, newNonceHash2: newNonceHash }
        : { _: 'dh_gen_fail', nonce, serverNonce, newNonceHash3: newNonceHash },
  );
}

export function decodeDhGen(body: Uint8Array): DhGen {
  const expected = {
    ids: [HANDSHAKE_IDS.dhGenOk, HANDSHAKE_IDS.dhGenRetry, HANDSHAKE_IDS.dhGenFail],
    what: 'Set_client_DH_params_answer',
    expectedName: 'dh_gen_ok/retry/fail',
    isExact: true,
  };
  const answer = parse(body, expected, readType_Set_client_DH_params_answer).value;
  const { nonce, serverNonce } = answer;
  if (answer._ === 'dh_gen_ok') {
    return { kind: 'ok', nonce, serverNonce, newNonceHash: answer.newNonceHash1 };
  }
  if (answer._ === 'dh_gen_retry') {
    return { kind: 'retry', nonce, serverNonce, newNonceHash: answer.newNonceHash2 };
  }
  return { kind: 'fail', nonce, serverNonce, newNonceHash: answer.newNonceHash3 };
}

/** Constructor id at the start of a handshake body (to dispatch on), or -1. */
export function handshakeIdOf(body: Uint8Array): number {
  if (body.length < 4) return -1;
  return (body[0] | (body[1] << 8) | (body[2] << 16) | (body[3] << 24)) >>> 0;
}
