import { SessionValidationError } from './errors.js';

/** Where a data centre is reached. `ipAddress` is the address to dial (IPv4 normally, IPv6 when
 * that is all that is known); `ipv6` is an alternative IPv6 address. */
export interface DcAddress {
  id: number;
  ipAddress: string;
  ipv6?: string;
  port: number;
  isTest?: boolean;
}

/** A data centre plus the auth key this client holds for it, if any. */
export interface DcSession extends DcAddress {
  /** 256 bytes. */
  authKey?: Uint8Array;
}

/** The signed-in account. */
export interface SessionUser {
  id: bigint;
  isBot: boolean;
}

/** The common update state (updates.state). */
export interface UpdateState {
  pts: number;
  qts: number;
  date: number;
  seq: number;
}

export interface SessionInit {
  homeDcId: number;
  dcs?: Iterable<DcSession>;
  user?: SessionUser;
  updateState?: UpdateState;
  channelPts?: Iterable<readonly [bigint, number]>;
}

export const AUTH_KEY_BYTES = 256;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function fail(message: string): never {
  throw new SessionValidationError(message);
}

export function checkDcId(id: unknown, what = 'DC id'): number {
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > 0xffff) {
    fail(`${what} must be an integer from 1 to 65535, got ${String(id)}`);
  }
  return id;
}

function checkInt32(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) {
    fail(`${what} must be a 32-bit integer, got ${String(v)}`);
  }
  return v;
}

function checkInt64(v: unknown, what: string): bigint {
  if (typeof v !== 'bigint' || v < INT64_MIN || v > INT64_MAX) {
    fail(`${what} must be a 64-bit bigint, got ${typeof v === 'bigint' ? v : typeof v}`);
  }
  return v;
}

const utf8Encoder = new TextEncoder();

function checkAddress(v: unknown, what: string): string {
  // Up to 85 UTF-16 units always fit in 255 UTF-8 bytes; only longer strings need encoding.
  if (
    typeof v !== 'string' ||
    v.length === 0 ||
    (v.length > 85 && utf8Encoder.encode(v).length > 255)
  ) {
    fail(`${what} must be a non-empty string of at most 255 bytes`);
  }
  return v;
}

/** Validates an auth key and returns a private copy; never echoes the key's bytes. */
export function checkAuthKey(key: unknown, dcId: number): Uint8Array {
  if (!(key instanceof Uint8Array)) fail(`auth key for DC ${dcId} must be a Uint8Array`);
  if (key.length !== AUTH_KEY_BYTES) {
    fail(`auth key for DC ${dcId} must be ${AUTH_KEY_BYTES} bytes, got ${key.length}`);
  }
  // A plain Uint8Array copy: Buffer#slice would share memory, and a subclass would surprise
  // deep-equality checks. (Print the Session, which redacts, rather than a DC object.)
  return new Uint8Array(key);
}

/** Returns a validated, normalised copy of a DC (optional fields present only when set). */
export function normaliseDc(dc: DcSession): DcSession {
  if (typeof dc !== 'object' || dc === null) fail('a DC must be an object');
  const id = checkDcId(dc.id);
  const port = dc.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 0xffff) {
    fail(`port of DC ${id} must be an integer from 1 to 65535, got ${String(port)}`);
  }
  const out: DcSession = { id, ipAddress: checkAddress(dc.ipAddress, `address of DC ${id}`), port };
  if (dc.ipv6 !== undefined) out.ipv6 = checkAddress(dc.ipv6, `IPv6 address of DC ${id}`);
  if (dc.isTest) out.isTest = true;
  if (dc.authKey !== undefined) out.authKey = checkAuthKey(dc.authKey, id);
  return out;
}

function normaliseUser(user: SessionUser): SessionUser {
  if (typeof user !== 'object' || user === null) fail('user must be an object');
  return { id: checkInt64(user.id, 'user id'), isBot: user.isBot === true };
}

function normaliseState(s: UpdateState): UpdateState {
  if (typeof s !== 'object' || s === null) fail('update state must be an object');
  return {
    pts: checkInt32(s.pts, 'pts'),
    qts: checkInt32(s.qts, 'qts'),
    date: checkInt32(s.date, 'date'),
    seq: checkInt32(s.seq, 'seq'),
  };
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/**
 * Everything a client needs to come back without signing in again. Key bytes never appear when
 * a Session is printed, inspected, stringified or serialised to JSON.
 */
export class Session {
  homeDcId: number;
  readonly dcs: Map<number, DcSession> = new Map();
  user?: SessionUser;
  updateState?: UpdateState;
  /** Per-channel pts, keyed by the bare channel id. */
  readonly channelPts: Map<bigint, number> = new Map();

  constructor(init: SessionInit) {
    this.homeDcId = checkDcId(init.homeDcId, 'home DC id');
    for (const dc of init.dcs ?? []) this.setDc(dc);
    if (init.user !== undefined) this.user = normaliseUser(init.user);
    if (init.updateState !== undefined) this.updateState = normaliseState(init.updateState);
    for (const [id, pts] of init.channelPts ?? []) this.setChannelPts(id, pts);
  }

  get homeDc(): DcSession | undefined {
    return this.dcs.get(this.homeDcId);
  }

  getDc(id: number): DcSession | undefined {
    return this.dcs.get(id);
  }

  /** Adds or replaces a DC (the copy stored is validated; the caller's object is not kept). */
  setDc(dc: DcSession): void {
    const copy = normaliseDc(dc);
    this.dcs.set(copy.id, copy);
  }

  hasAuthKey(dcId: number): boolean {
    return this.dcs.get(dcId)?.authKey !== undefined;
  }

  getAuthKey(dcId: number): Uint8Array | undefined {
    return this.dcs.get(dcId)?.authKey;
  }

  /** Sets (or with `undefined`, forgets) the auth key of a DC that is already known. */
  setAuthKey(dcId: number, key: Uint8Array | undefined): void {
    const dc = this.dcs.get(checkDcId(dcId));
    if (dc === undefined) fail(`cannot set the auth key of DC ${dcId}: the session has no such DC`);
    if (key === undefined) delete dc.authKey;
    else dc.authKey = checkAuthKey(key, dcId);
  }

  setChannelPts(channelId: bigint, pts: number): void {
    this.channelPts.set(checkInt64(channelId, 'channel id'), checkInt32(pts, 'channel pts'));
  }

  /** A deep copy: key buffers are copied too. */
  clone(): Session {
    return new Session({
      homeDcId: this.homeDcId,
      dcs: this.dcs.values(),
      user: this.user,
      updateState: this.updateState,
      channelPts: this.channelPts,
    });
  }

  /** Re-validates every field (fields are public and may have been changed directly). */
  validate(): void {
    checkDcId(this.homeDcId, 'home DC id');
    for (const [id, dc] of this.dcs) {
      normaliseDc(dc);
      if (dc.id !== id) fail(`DC stored under id ${id} says its id is ${dc.id}`);
    }
    if (this.user !== undefined) normaliseUser(this.user);
    if (this.updateState !== undefined) normaliseState(this.updateState);
    for (const [id, pts] of this.channelPts) {
      checkInt64(id, 'channel id');
      checkInt32(pts, 'channel pts');
    }
  }

  /** Field-by-field equality, key bytes included. */
  equals(other: Session): boolean {
    return sessionFingerprint(this) === sessionFingerprint(other);
  }

  /** A JSON-safe view with auth keys replaced by "[redacted]" and bigints as strings. */
  toJSON(): Record<string, unknown> {
    return {
      homeDcId: this.homeDcId,
      dcs: [...this.dcs.values()].map((dc) => ({
        id: dc.id,
        ipAddress: dc.ipAddress,
        ...(dc.ipv6 !== undefined ? { ipv6: dc.ipv6 } : {}),
        port: dc.port,
        ...(dc.isTest ? { isTest: true } : {}),
        authKey: dc.authKey ? '[redacted]' : null,
      })),
      user: this.user ? { id: this.user.id.toString(), isBot: this.user.isBot } : null,
      updateState: this.updateState ? { ...this.updateState } : null,
      channels: this.channelPts.size,
    };
  }

  toString(): string {
    const dcs = [...this.dcs.values()]
      .map((dc) => `${dc.id}${dc.isTest ? 't' : ''}${dc.authKey ? '+key' : ''}`)
      .join(',');
    const user = this.user ? `${this.user.isBot ? 'bot' : 'user'} ${this.user.id}` : 'none';
    return `Session(home DC ${this.homeDcId}; DCs [${dcs}]; signed in: ${user})`;
  }
}

// util.inspect looks this symbol up; defining it here avoids importing node:util.
Object.defineProperty(Session.prototype, Symbol.for('nodejs.util.inspect.custom'), {
  value: function inspect(this: Session): string {
    return this.toString();
  },
});

/** Internal canonical text of every field, keys included: used for equality only, never shown. */
export function sessionFingerprint(s: Session): string {
  const dcs = [...s.dcs.values()]
    .sort((a, b) => a.id - b.id)
    .map((dc) =>
      [
        dc.id,
        dc.ipAddress,
        dc.ipv6 ?? '',
        dc.port,
        dc.isTest ? 1 : 0,
        dc.authKey ? hex(dc.authKey) : '',
      ].join('|'),
    );
  const channels = [...s.channelPts.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([id, pts]) => `${id}:${pts}`);
  const st = s.updateState;
  return JSON.stringify([
    s.homeDcId,
    dcs,
    s.user ? [s.user.id.toString(), s.user.isBot] : null,
    st ? [st.pts, st.qts, st.date, st.seq] : null,
    channels,
  ]);
}
