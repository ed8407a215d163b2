import { TestServerConfigError } from '../errors.js';
import { normalizePhone, testNumberDc } from './phone.js';

/** What the server stores for a 2FA password: never the password itself. */
export interface PasswordRecord {
  readonly hint: string;
  readonly salt1: Uint8Array;
  readonly salt2: Uint8Array;
  readonly g: number;
  readonly p: Uint8Array;
  /** SRP verifier v = g^x mod p, 256 bytes big-endian. */
  readonly verifier: Uint8Array;
}

export interface Account {
  readonly id: bigint;
  readonly accessHash: bigint;
  readonly isBot: boolean;
  phone?: string;
  firstName: string;
  lastName: string;
  username?: string;
  dcId: number;
  password?: PasswordRecord;
  /** Bots only: the secret half of `<botId>:<secret>`. */
  botSecret?: string;
}

/** Every user and bot of the emulated Telegram; accounts are global, DCs only host them. */
export class AccountStore {
  private readonly byId = new Map<bigint, Account>();
  private readonly byPhone = new Map<string, bigint>();
  private nextId = 1_000_001n;

  constructor(
    private readonly dcIds: readonly number[],
    private readonly randomLong: () => bigint,
  ) {}

  get(id: bigint): Account | undefined {
    return this.byId.get(id);
  }

  byPhoneNumber(phone: string): Account | undefined {
    const id = this.byPhone.get(phone);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /**
   * The account of a phone, creating test numbers (99966XYYYY) on first use so that they can sign
   * in without sign-up, as on Telegram's test DCs.
   */
  findOrCreateTestAccount(phone: string): Account | undefined {
    const existing = this.byPhoneNumber(phone);
    if (existing) return existing;
    const dcId = testNumberDc(phone);
    if (dcId === undefined || !this.dcIds.includes(dcId)) return undefined;
    return this.addUser({ phone, dcId, firstName: 'Test', lastName: phone.slice(6) });
  }

  addUser(opts: {
    phone: string;
    dcId: number;
    firstName: string;
    lastName?: string;
    username?: string;
    password?: PasswordRecord;
  }): Account {
    const phone = normalizePhone(opts.phone);
    if (!phone)
      throw new TestServerConfigError(`not a phone number: ${JSON.stringify(opts.phone)}`);
    if (this.byPhone.has(phone)) throw new TestServerConfigError(`phone ${phone} is already taken`);
    this.checkDc(opts.dcId);
    const account: Account = {
      id: this.nextId++,
      accessHash: this.randomLong(),
      isBot: false,
      phone,
      firstName: opts.firstName,
      lastName: opts.lastName ?? '',
      username: opts.username,
      dcId: opts.dcId,
      password: opts.password,
    };
    this.byId.set(account.id, account);
    this.byPhone.set(phone, account.id);
    return account;
  }

  addBot(opts: {
    id?: bigint;
    secret: string;
    dcId: number;
    firstName: string;
    username?: string;
  }): Account {
    this.checkDc(opts.dcId);
    const id = opts.id ?? this.nextId++;
    if (this.byId.has(id)) throw new TestServerConfigError(`user id ${id} is already taken`);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(opts.secret)) {
      throw new TestServerConfigError('a bot token secret is 1-64 of [A-Za-z0-9_-]');
    }
    const bot: Account = {
      id,
      accessHash: this.randomLong(),
      isBot: true,
      firstName: opts.firstName,
      lastName: '',
      username: opts.username,
      dcId: opts.dcId,
      botSecret: opts.secret,
    };
    this.byId.set(id, bot);
    if (id >= this.nextId) this.nextId = id + 1n;
    return bot;
  }

  /** The bot a `<botId>:<secret>` token names, if the secret matches. */
  botByToken(token: string): Account | undefined {
    const match = /^(\d{1,19}):([A-Za-z0-9_-]+)$/.exec(token);
    if (!match) return undefined;
    const bot = this.byId.get(BigInt(match[1]));
    return bot?.isBot && bot.botSecret === match[2] ? bot : undefined;
  }

  private checkDc(dcId: number): void {
    if (!this.dcIds.includes(dcId)) throw new TestServerConfigError(`no DC ${dcId} on this server`);
  }
}
