import { SessionFormatError, SessionValidationError } from './errors.js';
import { ByteReader, ByteWriter } from './internal/bytes.js';
import { crc32 } from './internal/crc32.js';
import { AUTH_KEY_BYTES, type DcSession, Session } from './session.js';

// Binary layout, version 1 (all integers big-endian):
//   u32 bodyLength | body | u32 crc32(bodyLength and body)
// body:
//   u8 version (=1) | u8 flags (1 user, 2 user is a bot, 4 update state) | u16 homeDcId
//   u8 dcCount, then per DC: u16 id | u8 flags (1 test DC, 2 auth key, 4 IPv6)
//     | u8 len + UTF-8 ipAddress | [u8 len + UTF-8 ipv6] | u16 port | [256-byte auth key]
//   [i64 user id] | [i32 pts, qts, date, seq] | u32 channelCount, then per channel: i64 id, i32 pts

export const SESSION_BLOB_VERSION = 1;
const USER = 1;
const BOT = 2;
const STATE = 4;
const DC_TEST = 1;
const DC_KEY = 2;
const DC_IPV6 = 4;

/** Serialises a Session to bytes with a version and a CRC-32, for any backend that stores blobs. */
export function serializeSession(session: Session): Uint8Array {
  session.validate();
  if (session.dcs.size > 255) throw new SessionValidationError('a session holds at most 255 DCs');
  const w = new ByteWriter();
  w.u8(SESSION_BLOB_VERSION);
  let flags = 0;
  if (session.user) flags |= USER | (session.user.isBot ? BOT : 0);
  if (session.updateState) flags |= STATE;
  w.u8(flags);
  w.u16(session.homeDcId);
  w.u8(session.dcs.size);
  for (const dc of session.dcs.values()) {
    w.u16(dc.id);
    w.u8(
      (dc.isTest ? DC_TEST : 0) | (dc.authKey ? DC_KEY : 0) | (dc.ipv6 !== undefined ? DC_IPV6 : 0),
    );
    w.shortString(dc.ipAddress);
    if (dc.ipv6 !== undefined) w.shortString(dc.ipv6);
    w.u16(dc.port);
    if (dc.authKey) w.bytes(dc.authKey);
  }
  if (session.user) w.i64(session.user.id);
  const st = session.updateState;
  if (st) {
    w.i32(st.pts);
    w.i32(st.qts);
    w.i32(st.date);
    w.i32(st.seq);
  }
  w.u32(session.channelPts.size);
  for (const [id, pts] of session.channelPts) {
    w.i64(id);
    w.i32(pts);
  }
  const body = w.finish();
  const out = new Uint8Array(body.length + 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  out.set(body, 4);
  view.setUint32(body.length + 4, crc32(out.subarray(0, body.length + 4)));
  return out;
}

const LABEL = 'telets session data';

/** Reads bytes written by serializeSession; every problem is a SessionFormatError saying what. */
export function deserializeSession(data: Uint8Array, label = LABEL): Session {
  const fail = (problem: string): never => {
    throw new SessionFormatError('telets', `Invalid ${label}: ${problem}`);
  };
  if (data.length < 8) fail(`truncated: expected at least 8 bytes, found ${data.length}`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const bodyLength = view.getUint32(0);
  const expected = bodyLength + 8;
  if (data.length < expected) {
    fail(`truncated: expected ${expected} bytes, found ${data.length}`);
  }
  if (data.length > expected) {
    fail(`expected ${expected} bytes, found ${data.length} (extra data after the end)`);
  }
  const stored = view.getUint32(bodyLength + 4);
  const actual = crc32(data.subarray(0, bodyLength + 4));
  if (stored !== actual) {
    fail(
      `checksum mismatch: expected ${hex32(actual)}, found ${hex32(stored)} (the data was changed or damaged)`,
    );
  }
  const r = new ByteReader(data.subarray(4, bodyLength + 4), 'telets', label);
  const version = r.u8('version');
  if (version !== SESSION_BLOB_VERSION) {
    fail(`expected data version ${SESSION_BLOB_VERSION}, found version ${version}`);
  }
  const flags = r.u8('flags');
  const homeDcId = r.u16('home DC id');
  const dcCount = r.u8('DC count');
  const dcs: DcSession[] = [];
  for (let i = 0; i < dcCount; i++) {
    const id = r.u16(`DC #${i + 1} id`);
    const dcFlags = r.u8(`DC ${id} flags`);
    const dc: DcSession = { id, ipAddress: r.shortString(`DC ${id} address`), port: 0 };
    if (dcFlags & DC_IPV6) dc.ipv6 = r.shortString(`DC ${id} IPv6 address`);
    dc.port = r.u16(`DC ${id} port`);
    if (dcFlags & DC_TEST) dc.isTest = true;
    if (dcFlags & DC_KEY) dc.authKey = r.bytes(AUTH_KEY_BYTES, `DC ${id} auth key`);
    dcs.push(dc);
  }
  const user = flags & USER ? { id: r.i64('user id'), isBot: (flags & BOT) !== 0 } : undefined;
  const updateState =
    flags & STATE
      ? { pts: r.i32('pts'), qts: r.i32('qts'), date: r.i32('date'), seq: r.i32('seq') }
      : undefined;
  const channelCount = r.u32('channel count');
  const channelPts: [bigint, number][] = [];
  for (let i = 0; i < channelCount; i++) {
    channelPts.push([r.i64(`channel #${i + 1} id`), r.i32(`channel #${i + 1} pts`)]);
  }
  r.expectEnd();
  try {
    return new Session({ homeDcId, dcs, user, updateState, channelPts });
  } catch (e) {
    if (e instanceof SessionValidationError) fail(e.message);
    throw e;
  }
}

function hex32(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
