/**
 * The hand-parsed parts of mtproto.tl: `message`, `msg_container`, `rpc_result` and
 * `gzip_packed`, plus constructor ids of the service messages the layer dispatches on. Shared by
 * the client and the server role.
 */
import { gunzip, gzip, TlReader, TlWriter, writeType_MsgsStateInfo } from '@telets/tl-schema';
import { readInt64LE, writeInt64LE } from './bytes.js';
import { SecurityError } from './errors.js';

export const ID = {
  rpcResult: 0xf35c6d01,
  msgContainer: 0x73f1f8dc,
  msgCopy: 0xe06046b2,
  gzipPacked: 0x3072cfa1,
  rpcError: 0x2144ca19,
  msgsAck: 0x62d6b459,
  badMsgNotification: 0xa7eff811,
  badServerSalt: 0xedab447b,
  newSessionCreated: 0x9ec20908,
  pong: 0x347773c5,
  futureSalts: 0xae500895,
  msgsStateReq: 0xda69fb52,
  msgsStateInfo: 0x04deb57d,
  msgsAllInfo: 0x8cc0d131,
  msgDetailedInfo: 0x276d3ec6,
  msgNewDetailedInfo: 0x809db6df,
  msgResendReq: 0x7d861a08,
  destroySessionOk: 0xe22045fc,
  destroySessionNone: 0x62d350c9,
  ping: 0x7abe77ec,
  pingDelayDisconnect: 0xf3427b8c,
  httpWait: 0x9299359f,
  vector: 0x1cb5c415,
} as const;

/** Telegram refuses containers with more messages than this (Telethon and grammers use 100). */
export const MAX_CONTAINER_MESSAGES = 100;
/** Largest container body, as in Telethon (1 MiB minus the envelope). */
export const MAX_CONTAINER_BYTES = 1044448;
/** Envelope of one message inside a container: msg_id, seqno, bytes. */
export const MESSAGE_HEADER_BYTES = 16;
/** Ceiling for inflating gzip_packed (Telegram's largest objects stay far below). */
export const DEFAULT_MAX_INFLATED_BYTES = 16 * 1024 * 1024;

export interface InnerMessage {
  msgId: bigint;
  seqNo: number;
  body: Uint8Array;
}

export function peekConstructorId(body: Uint8Array, offset = 0): number {
  if (body.length < offset + 4) return -1;
  return (
    (body[offset] |
      (body[offset + 1] << 8) |
      (body[offset + 2] << 16) |
      (body[offset + 3] << 24)) >>>
    0
  );
}

/** Builds `msg_container` from already-numbered messages. */
export function encodeContainer(messages: readonly InnerMessage[]): Uint8Array {
  let size = 8;
  for (const message of messages) size += MESSAGE_HEADER_BYTES + message.body.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, ID.msgContainer, true);
  view.setInt32(4, messages.length, true);
  let offset = 8;
  for (const message of messages) {
    writeInt64LE(out, offset, message.msgId);
    view.setInt32(offset + 8, message.seqNo, true);
    view.setInt32(offset + 12, message.body.length, true);
    out.set(message.body, offset + 16);
    offset += 16 + message.body.length;
  }
  return out;
}

/** Parses `msg_container`; every length is checked against the buffer before it is used. */
export function decodeContainer(body: Uint8Array): InnerMessage[] {
  if (body.length < 8 || peekConstructorId(body) !== ID.msgContainer) {
    throw new SecurityError('container', 'not a msg_container');
  }
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const count = view.getInt32(4, true);
  if (count < 0 || count > 1024 || count * MESSAGE_HEADER_BYTES > body.length - 8) {
    throw new SecurityError('container', `impossible message count ${count}`);
  }
  const messages: InnerMessage[] = [];
  let offset = 8;
  for (let i = 0; i < count; i++) {
    if (offset + MESSAGE_HEADER_BYTES > body.length) {
      throw new SecurityError('container', 'truncated message header');
    }
    const msgId = readInt64LE(body, offset);
    const seqNo = view.getInt32(offset + 8, true);
    const length = view.getInt32(offset + 12, true);
    offset += MESSAGE_HEADER_BYTES;
    if (length < 0 || length % 4 !== 0 || offset + length > body.length) {
      throw new SecurityError('container', `bad inner message length ${length}`);
    }
    messages.push({ msgId, seqNo, body: body.subarray(offset, offset + length) });
    offset += length;
  }
  if (offset !== body.length) throw new SecurityError('container', 'trailing bytes');
  return messages;
}

export function encodeRpcResult(reqMsgId: bigint, result: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + result.length);
  new DataView(out.buffer).setUint32(0, ID.rpcResult, true);
  writeInt64LE(out, 4, reqMsgId);
  out.set(result, 12);
  return out;
}

export function decodeRpcResult(body: Uint8Array): { reqMsgId: bigint; result: Uint8Array } {
  if (body.length < 16 || peekConstructorId(body) !== ID.rpcResult) {
    throw new SecurityError('rpc_result', 'malformed rpc_result');
  }
  return { reqMsgId: readInt64LE(body, 4), result: body.subarray(12) };
}

export function encodeGzipPacked(body: Uint8Array): Uint8Array {
  return new TlWriter().uint(ID.gzipPacked).bytes(gzip(body)).finish();
}

/** Compresses `body` when it is at least `thresholdBytes` long and gzip actually saves bytes. */
export function maybeGzip(body: Uint8Array, thresholdBytes: number): Uint8Array {
  if (body.length < thresholdBytes) return body;
  const packed = encodeGzipPacked(body);
  return packed.length < body.length ? packed : body;
}

/** Unwraps (possibly nested) gzip_packed; other bodies are returned as they are. */
export function unwrapGzip(body: Uint8Array, maxBytes = DEFAULT_MAX_INFLATED_BYTES): Uint8Array {
  let current = body;
  // Nesting is legal TL but never used; a small bound keeps a hostile peer from looping us.
  for (let depth = 0; depth < 4 && peekConstructorId(current) === ID.gzipPacked; depth++) {
    const reader = new TlReader(current, 4);
    current = gunzip(reader.bytes(), maxBytes);
  }
  return current;
}

/** Encodes a bare `Vector<long>` of msg ids as used by msgs_ack, msgs_state_req... */
export function encodeMsgIdVectorMessage(
  constructorId: number,
  msgIds: readonly bigint[],
): Uint8Array {
  const out = new Uint8Array(12 + msgIds.length * 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, constructorId, true);
  view.setUint32(4, ID.vector, true);
  view.setInt32(8, msgIds.length, true);
  for (let i = 0; i < msgIds.length; i++) writeInt64LE(out, 12 + i * 8, msgIds[i]);
  return out;
}

/** Service messages the client session consumes itself (everything else is an update). */
export const SERVICE_MESSAGE_IDS: ReadonlySet<number> = new Set<number>([
  ID.msgsAck,
  ID.badMsgNotification,
  ID.badServerSalt,
  ID.newSessionCreated,
  ID.pong,
  ID.futureSalts,
  ID.msgsStateReq,
  ID.msgsStateInfo,
  ID.msgsAllInfo,
  ID.msgDetailedInfo,
  ID.msgNewDetailedInfo,
  ID.msgResendReq,
  ID.destroySessionOk,
  ID.destroySessionNone,
  ID.httpWait,
]);

/** msgs_state_info: one status byte per asked msg_id. */
export function encodeMsgsStateInfo(reqMsgId: bigint, info: Uint8Array): Uint8Array {
  const w = new TlWriter();
  writeType_MsgsStateInfo(w, { _: 'msgs_state_info', reqMsgId, info });
  return w.finish();
}
