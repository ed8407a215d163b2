import type { RsaPublicKey } from '@telets/crypto';
import { nodeCrypto } from '@telets/crypto/node';
import type { Account } from './domain/accounts.js';
import type { AppCredentials } from './domain/apps.js';
import type { MethodCount } from './domain/counters.js';
import type { FloodLimit } from './domain/flood.js';
import { normalizePhone } from './domain/phone.js';
import { cryptoSrp } from './domain/srp-crypto.js';
import { type DcAddress, World } from './domain/world.js';
import { RpcFailure, TestServerConfigError, TestServerError } from './errors.js';
import { FaultPlan } from './faults.js';
import { acceptToken } from './methods/auth-qr.js';
import type { RequestLogEntry } from './mtproto/protocol-host.js';
import { RuntimeRegistry } from './mtproto/registry.js';
import { DcServer } from './net/dc-server.node.js';
import {
  defaultRsaKey,
  loadRsaKey,
  type ServerRsaKey,
  serverCryptoFor,
} from './net/rsa-key.node.js';
import { makeHost, pushUpdates } from './server-host.js';

export interface TestServerOptions {
  /** Number of DCs, ids 1..N (default 3). Ignored when `ports` is given. */
  dcCount?: number;
  /** One port per DC, DC i+1 on ports[i]; 0 (the default) picks a free port. */
  ports?: readonly number[];
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** A 2048-bit RSA private key in PEM; default: one generated per process (top byte ≥ 0xc0). */
  rsaPrivateKeyPem?: string;
  /** Allowed api_id/api_hash pairs (default: DEFAULT_TEST_APP). */
  apps?: readonly AppCredentials[];
  /**
   * Flood limits per method: auth.sendCode, auth.signIn and auth.checkPassword count per phone,
   * any other method per caller (signed-in user, else auth key). Over the limit: FLOOD_WAIT_X.
   */
  floodLimits?: Readonly<Record<string, FloodLimit>>;
  codeTtlMs?: number;
  srpTtlMs?: number;
  loginTokenTtlMs?: number;
  /** Login code for numbers that are not test numbers (default: 5 random digits). */
  codeFor?: (phone: string) => string;
  /** Answer 406 AUTH_KEY_DUPLICATED when one auth key is used from two connections at once. */
  rejectDuplicateAuthKeys?: boolean;
  /** Largest packet accepted (default 1 MiB); bigger frames close the connection. */
  maxPacketBytes?: number;
  /** Injected clock (ms) and randomness, for deterministic tests. */
  nowMs?: () => number;
  randomBytes?: (n: number) => Uint8Array;
  /** Called for every answered request (the CLI's verbose log). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Called for protocol anomalies (bad packets, refused handshakes). */
  onWarning?: (dcId: number, message: string) => void;
}

export interface AccountOptions {
  phone: string;
  /** Home DC (default: the test-number DC for 99966XYYYY numbers, else 2 or the first DC). */
  dcId?: number;
  firstName?: string;
  lastName?: string;
  username?: string;
  /** A 2FA password (stored as an SRP verifier) and its hint. */
  password?: string;
  hint?: string;
}

export interface BotOptions {
  /**
   * `<botId>:<secret>`; generated when omitted, shaped like BotFather's: the next free id, then
   * 35 characters of [A-Za-z0-9_-] starting with `AA`.
   */
  token?: string;
  dcId?: number;
  firstName?: string;
  username?: string;
}

/** A user or bot as the management API reports it. */
export interface AccountInfo {
  readonly id: bigint;
  readonly phone: string | undefined;
  readonly dcId: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly username: string | undefined;
  readonly isBot: boolean;
  readonly hasPassword: boolean;
}

export interface BotInfo extends AccountInfo {
  readonly token: string;
}

export interface TestServerRsaInfo {
  readonly publicKeyPem: string;
  /** Signed int64, as on the wire. */
  readonly fingerprint: bigint;
  /** 16 lowercase hex digits of the unsigned fingerprint. */
  readonly fingerprintHex: string;
  /** n, e, fingerprint: pass to a client's trusted RSA keys. */
  readonly publicKey: RsaPublicKey;
}

export interface RequestCounterView {
  get(method: string): MethodCount;
  snapshot(): Record<string, MethodCount>;
  reset(): void;
}

export interface TestServer {
  /** Every DC with its loopback address and port. */
  readonly dcs: readonly DcAddress[];
  readonly rsa: TestServerRsaInfo;
  readonly counters: RequestCounterView;
  readonly faults: FaultPlan;
  /** The DC address of one DC. */
  dc(dcId: number): DcAddress;
  addAccount(options: AccountOptions): Promise<AccountInfo>;
  addBot(options?: BotOptions): BotInfo;
  addApp(app: AppCredentials): void;
  removeApp(apiId: number): void;
  /** Sets (or with undefined removes) an account's 2FA password. */
  setPassword(phone: string, password: string | undefined, hint?: string): Promise<void>;
  /** The account of a phone (test numbers exist on first use). */
  account(phone: string): AccountInfo | undefined;
  /** The login code last sent to a phone (what a test reads instead of the SMS). */
  lastLoginCode(phone: string): string | undefined;
  /** Accepts a QR login token on behalf of a signed-in account (like auth.acceptLoginToken). */
  acceptLoginToken(token: Uint8Array, phone: string): void;
  /** Signs a user out everywhere; its sessions then get 401 with `reason`. Returns how many. */
  revokeSessions(phone: string, reason?: 'SESSION_REVOKED' | 'AUTH_KEY_UNREGISTERED'): number;
  /** Forgets every auth key of a DC: clients then get transport error -404. */
  forgetAuthKeys(dcId: number): number;
  /** Sets (or with undefined removes) the flood limit of any method; see `floodLimits`. */
  setFloodLimit(method: string, limit: FloodLimit | undefined): void;
  /** How many auth keys a DC holds. */
  authKeyCount(dcId: number): number;
  /** How many open connections a DC has. */
  connectionCount(dcId: number): number;
  /** Drops every open connection (of one DC, or all). */
  disconnectAll(dcId?: number): void;
  /** Stops a DC and listens again on the same port, keeping all its state. */
  restartDc(dcId: number): Promise<void>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const BOT_SECRET_RANDOM_CHARS = 33;

/**
 * A secret in BotFather's shape (`AA` + 33 url-safe characters). Hex would do for the server, but
 * client-side validation rightly reads `<digits>:<32 hex>` as "api id:api hash".
 */
function botFatherSecret(random: Uint8Array): string {
  // 64 symbols, so the low 6 bits of each byte pick one uniformly.
  return `AA${Array.from(random, (b) => TOKEN_ALPHABET[b & 63]).join('')}`;
}

function accountInfo(account: Account): AccountInfo {
  return {
    id: account.id,
    phone: account.phone,
    dcId: account.dcId,
    firstName: account.firstName,
    lastName: account.lastName,
    username: account.username,
    isBot: account.isBot,
    hasPassword: account.password !== undefined,
  };
}

/** Starts a local multi-DC MTProto server on loopback; resolves once every DC listens. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ports = options.ports ?? Array.from({ length: options.dcCount ?? 3 }, () => 0);
  if (ports.length === 0) throw new TestServerConfigError('at least one DC is needed');
  const dcIds = ports.map((_p, i) => i + 1);
  const rsaKey: ServerRsaKey = options.rsaPrivateKeyPem
    ? loadRsaKey(nodeCrypto, options.rsaPrivateKeyPem)
    : await defaultRsaKey(nodeCrypto);
  const crypto = serverCryptoFor(nodeCrypto, rsaKey);
  const world = new World({
    dcIds,
    nowMs: options.nowMs ?? Date.now,
    randomBytes: options.randomBytes ?? ((n) => crypto.randomBytes(n)),
    srp: cryptoSrp(crypto),
    apps: options.apps,
    codeTtlMs: options.codeTtlMs,
    srpTtlMs: options.srpTtlMs,
    loginTokenTtlMs: options.loginTokenTtlMs,
    floodLimits: options.floodLimits,
    codeFor: options.codeFor,
  });
  const faults = new FaultPlan();
  const runtimes = new RuntimeRegistry(world);
  const dcServers = new Map<number, DcServer>();
  const host = makeHost({ world, crypto, rsaKey, faults, runtimes, dcServers, options });
  world.updateSink = (dcId, authKeyId, updates) => pushUpdates(host, dcId, authKeyId, updates);
  const maxPacketBytes = options.maxPacketBytes ?? 1024 * 1024;
  dcIds.forEach((id, i) => {
    const address = world.dcAddresses.get(id) as DcAddress;
    address.host = options.host ?? '127.0.0.1';
    address.port = ports[i];
    dcServers.set(id, new DcServer(host, address, maxPacketBytes));
  });
  try {
    for (const dc of dcServers.values()) await dc.start();
  } catch (error) {
    for (const dc of dcServers.values()) await dc.stop();
    throw new TestServerError(`cannot listen: ${(error as Error).message}`);
  }

  const dcServer = (dcId: number): DcServer => {
    const dc = dcServers.get(dcId);
    if (!dc) throw new TestServerConfigError(`no DC ${dcId} on this server`);
    return dc;
  };
  const phoneAccount = (phone: string): Account => {
    const normalized = normalizePhone(phone);
    const account = normalized ? world.accounts.findOrCreateTestAccount(normalized) : undefined;
    if (!account) throw new TestServerConfigError(`no account with phone ${phone}`);
    return account;
  };
  let isClosed = false;
  const close = async (): Promise<void> => {
    if (isClosed) return;
    isClosed = true;
    faults.clear();
    for (const dc of dcServers.values()) await dc.stop();
  };

  return {
    dcs: [...world.dcAddresses.values()],
    rsa: {
      publicKeyPem: rsaKey.publicKeyPem,
      fingerprint: rsaKey.fingerprint,
      fingerprintHex: rsaKey.fingerprintHex,
      publicKey: rsaKey.publicKey,
    },
    counters: world.counters,
    faults,
    dc: (dcId) => dcServer(dcId).address,
    async addAccount(opts) {
      const normalized = normalizePhone(opts.phone);
      if (!normalized) throw new TestServerConfigError(`not a phone number: ${opts.phone}`);
      const testDc = /^99966(\d)\d{4}$/.exec(normalized)?.[1];
      const dcId = opts.dcId ?? (testDc ? Number(testDc) : dcIds.includes(2) ? 2 : dcIds[0]);
      const password =
        opts.password === undefined
          ? undefined
          : await world.makePasswordRecord(opts.password, opts.hint ?? '');
      const account = world.accounts.addUser({
        phone: normalized,
        dcId,
        firstName: opts.firstName ?? 'Test',
        lastName: opts.lastName,
        username: opts.username,
        password,
      });
      return accountInfo(account);
    },
    addBot(opts = {}) {
      let id: bigint | undefined;
      let secret = botFatherSecret(world.randomBytes(BOT_SECRET_RANDOM_CHARS));
      if (opts.token !== undefined) {
        const match = /^(\d{1,19}):([A-Za-z0-9_-]{1,64})$/.exec(opts.token);
        if (!match) throw new TestServerConfigError('a bot token looks like <botId>:<secret>');
        id = BigInt(match[1]);
        secret = match[2];
      }
      const bot = world.accounts.addBot({
        id,
        secret,
        dcId: opts.dcId ?? (dcIds.includes(2) ? 2 : dcIds[0]),
        firstName: opts.firstName ?? 'Test Bot',
        username: opts.username,
      });
      return { ...accountInfo(bot), token: `${bot.id}:${secret}` };
    },
    addApp: (app) => world.apps.add(app),
    removeApp: (apiId) => world.apps.remove(apiId),
    async setPassword(phone, password, hint) {
      const account = phoneAccount(phone);
      account.password =
        password === undefined ? undefined : await world.makePasswordRecord(password, hint ?? '');
    },
    account(phone) {
      const normalized = normalizePhone(phone);
      const account = normalized
        ? (world.accounts.findOrCreateTestAccount(normalized) ??
          world.accounts.byPhoneNumber(normalized))
        : undefined;
      return account ? accountInfo(account) : undefined;
    },
    lastLoginCode: (phone) => world.codes.lastCodeFor(normalizePhone(phone) ?? phone),
    acceptLoginToken(token, phone) {
      try {
        acceptToken(world, token, phoneAccount(phone));
      } catch (error) {
        if (error instanceof RpcFailure) throw new TestServerConfigError(error.errorMessage);
        throw error;
      }
    },
    revokeSessions: (phone, reason = 'SESSION_REVOKED') =>
      world.revokeUser(phoneAccount(phone), reason),
    forgetAuthKeys(dcId) {
      const store = world.authKeys(dcId);
      const ids = [...store.all()].map((k) => k.id);
      for (const id of ids) store.delete(id);
      return ids.length;
    },
    setFloodLimit: (method, limit) => world.flood.setLimit(method, limit),
    authKeyCount: (dcId) => world.authKeys(dcId).size,
    connectionCount: (dcId) => dcServer(dcId).connections.size,
    disconnectAll(dcId) {
      if (dcId !== undefined) dcServer(dcId).disconnectAll();
      else for (const dc of dcServers.values()) dc.disconnectAll();
    },
    async restartDc(dcId) {
      const dc = dcServer(dcId);
      await dc.stop();
      await dc.start();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
