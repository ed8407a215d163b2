import { TELEGRAM_DH_PRIME } from '@telets/crypto';
import { TestServerConfigError } from '../errors.js';
import type { TlObj } from '../tl/object.js';
import { type Account, AccountStore, type PasswordRecord } from './accounts.js';
import { type AppCredentials, AppRegistry, DEFAULT_TEST_APP } from './apps.js';
import { AuthKeyStore } from './auth-keys.js';
import { CodeStore } from './codes.js';
import { RequestCounters } from './counters.js';
import { FloodControl, type FloodLimit } from './flood.js';
import { type ExportedAuthorization, type LoginTokenRecord, TokenStore } from './login-tokens.js';
import { type SrpServerMath, SrpSessions } from './passwords.js';
import { testNumberCode, testNumberDc } from './phone.js';

/** Telegram's generator for its 2048-bit DH prime (used by the handshake and SRP alike). */
export const TELEGRAM_DH_G = 3;

export interface WorldOptions {
  dcIds: readonly number[];
  nowMs: () => number;
  randomBytes: (n: number) => Uint8Array;
  srp: SrpServerMath;
  apps?: readonly AppCredentials[];
  codeTtlMs?: number;
  srpTtlMs?: number;
  loginTokenTtlMs?: number;
  exportedAuthTtlMs?: number;
  floodLimits?: Readonly<Record<string, FloodLimit>>;
  /** The login code for a number that is not a test number (default: 5 random digits). */
  codeFor?: (phone: string) => string;
}

/** Where a DC listens; filled in once its socket is bound. */
export interface DcAddress {
  readonly id: number;
  host: string;
  port: number;
}

/** Receives updates the server pushes to every live session of an auth key (updateLoginToken). */
export type UpdateSink = (dcId: number, authKeyId: bigint, updates: TlObj) => void;

/**
 * The whole emulated Telegram: global accounts and apps, per-DC auth keys, pending codes, SRP
 * sessions and tokens. Pure state: no sockets, time and randomness injected.
 */
export class World {
  readonly dcIds: readonly number[];
  readonly accounts: AccountStore;
  readonly codes: CodeStore;
  readonly flood: FloodControl;
  readonly counters = new RequestCounters();
  readonly apps = new AppRegistry();
  readonly srpSessions: SrpSessions;
  readonly loginTokens = new TokenStore<LoginTokenRecord>();
  readonly exportedAuths = new TokenStore<ExportedAuthorization>();
  readonly dcAddresses = new Map<number, DcAddress>();
  readonly dhPrime: Uint8Array = TELEGRAM_DH_PRIME;
  readonly loginTokenTtlMs: number;
  readonly exportedAuthTtlMs: number;
  readonly srp: SrpServerMath;
  readonly nowMs: () => number;
  readonly randomBytes: (n: number) => Uint8Array;
  updateSink: UpdateSink | undefined;
  private readonly authKeyStores = new Map<number, AuthKeyStore>();
  private readonly codeFor: (phone: string) => string;

  constructor(options: WorldOptions) {
    if (options.dcIds.length === 0) throw new TestServerConfigError('at least one DC is needed');
    this.dcIds = [...options.dcIds];
    this.nowMs = options.nowMs;
    this.randomBytes = options.randomBytes;
    this.srp = options.srp;
    this.accounts = new AccountStore(this.dcIds, () => this.randomLong());
    this.codes = new CodeStore(options.codeTtlMs ?? 300_000, (n) => this.randomHex(n));
    this.srpSessions = new SrpSessions(options.srpTtlMs ?? 300_000);
    this.loginTokenTtlMs = options.loginTokenTtlMs ?? 30_000;
    this.exportedAuthTtlMs = options.exportedAuthTtlMs ?? 300_000;
    this.flood = new FloodControl(new Map(Object.entries(options.floodLimits ?? {})));
    for (const app of options.apps ?? [DEFAULT_TEST_APP]) this.apps.add(app);
    for (const id of this.dcIds) {
      this.authKeyStores.set(id, new AuthKeyStore(id));
      this.dcAddresses.set(id, { id, host: '127.0.0.1', port: 0 });
    }
    this.codeFor = options.codeFor ?? (() => this.randomDigits(5));
  }

  authKeys(dcId: number): AuthKeyStore {
    const store = this.authKeyStores.get(dcId);
    if (!store) throw new TestServerConfigError(`no DC ${dcId} on this server`);
    return store;
  }

  hasDc(dcId: number): boolean {
    return this.authKeyStores.has(dcId);
  }

  loginCodeFor(phone: string): string {
    const dcId = testNumberDc(phone);
    return dcId === undefined ? this.codeFor(phone) : testNumberCode(dcId);
  }

  async makePasswordRecord(password: string, hint: string): Promise<PasswordRecord> {
    // Telegram keeps salt1 as 8 server bytes + 32 more; clients only append, so 40 bytes is faithful.
    const salt1 = this.randomBytes(40);
    const salt2 = this.randomBytes(16);
    const verifier = await this.srp.verifier(password, salt1, salt2, TELEGRAM_DH_G, this.dhPrime);
    return { hint, salt1, salt2, g: TELEGRAM_DH_G, p: this.dhPrime, verifier };
  }

  /** Signs a user out of every auth key on every DC; later calls get 401 `reason`. */
  revokeUser(account: Account, reason: 'AUTH_KEY_UNREGISTERED' | 'SESSION_REVOKED'): number {
    let count = 0;
    for (const store of this.authKeyStores.values()) {
      for (const record of store.ofUser(account.id)) {
        record.userId = undefined;
        record.revokedWith = reason;
        count++;
      }
    }
    return count;
  }

  pushUpdate(dcId: number, authKeyId: bigint, updates: TlObj): void {
    this.updateSink?.(dcId, authKeyId, updates);
  }

  randomLong(): bigint {
    const b = this.randomBytes(8);
    let v = 0n;
    for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
    return BigInt.asIntN(64, v);
  }

  randomHex(bytes: number): string {
    return Array.from(this.randomBytes(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
  }

  private randomDigits(n: number): string {
    return Array.from(this.randomBytes(n), (b) => String(b % 10)).join('');
  }
}
