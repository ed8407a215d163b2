import type { TlByName } from '@telets/tl-schema';
import { base64urlDecode, base64urlEncode } from './base64url.js';
import { InvalidLoginTokenError } from './errors.js';

/** How Telegram sent the login code. */
export type SentCodeKind =
  | 'app'
  | 'sms'
  | 'call'
  | 'flashCall'
  | 'missedCall'
  | 'email'
  | 'setUpEmailRequired'
  | 'fragment'
  | 'firebaseSms'
  | 'smsWord'
  | 'smsPhrase'
  | 'unknown';

/** How Telegram will send the code if it is requested again. */
export type NextCodeKind = 'sms' | 'call' | 'flashCall' | 'missedCall' | 'fragment' | 'unknown';

export interface LoginTokenFields {
  phone: string;
  phoneCodeHash: string;
  dcId: number;
  type: SentCodeKind;
  codeLength?: number;
  nextType?: NextCodeKind;
  timeoutSeconds?: number;
  createdAt: Date;
}

const PREFIX = 'telets-login.1.';

/**
 * The state between "code sent" and "code typed": phone, phone_code_hash, the DC that sent it and
 * how it was sent. `toString()`/`fromString()` let one request (or process) send the code and the
 * next one finish sign-in. The string holds no key material, but the phone_code_hash lets whoever
 * also gets the code sign in, so keep it server-side (never in a URL or a client-side cookie).
 */
export class LoginToken implements LoginTokenFields {
  readonly phone: string;
  readonly phoneCodeHash: string;
  readonly dcId: number;
  readonly type: SentCodeKind;
  readonly codeLength?: number;
  readonly nextType?: NextCodeKind;
  readonly timeoutSeconds?: number;
  readonly createdAt: Date;

  constructor(fields: LoginTokenFields) {
    this.phone = fields.phone;
    this.phoneCodeHash = fields.phoneCodeHash;
    this.dcId = fields.dcId;
    this.type = fields.type;
    if (fields.codeLength !== undefined) this.codeLength = fields.codeLength;
    if (fields.nextType !== undefined) this.nextType = fields.nextType;
    if (fields.timeoutSeconds !== undefined) this.timeoutSeconds = fields.timeoutSeconds;
    this.createdAt = new Date(fields.createdAt.getTime());
  }

  /** When the code may be requested again (only when the server gave a timeout and a next type). */
  get resendAvailableAt(): Date | undefined {
    if (this.timeoutSeconds === undefined) return undefined;
    return new Date(this.createdAt.getTime() + this.timeoutSeconds * 1000);
  }

  /** A compact, URL-safe string; `LoginToken.fromString` reads it back. */
  toString(): string {
    const json = JSON.stringify({
      p: this.phone,
      h: this.phoneCodeHash,
      d: this.dcId,
      t: this.type,
      l: this.codeLength,
      n: this.nextType,
      s: this.timeoutSeconds,
      c: this.createdAt.getTime(),
    });
    return PREFIX + base64urlEncode(new TextEncoder().encode(json));
  }

  toJSON(): string {
    return this.toString();
  }

  static fromString(text: string): LoginToken {
    if (typeof text !== 'string' || !text.startsWith(PREFIX)) {
      throw new InvalidLoginTokenError(
        'This is not a LoginToken string (it should start with "telets-login.1.").',
      );
    }
    const bytes = base64urlDecode(text.slice(PREFIX.length));
    let raw: unknown;
    try {
      if (!bytes) throw new Error('not base64url');
      raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    } catch {
      throw new InvalidLoginTokenError('The LoginToken string is damaged (it cannot be decoded).');
    }
    return new LoginToken(checkFields(raw));
  }
}

function checkFields(raw: unknown): LoginTokenFields {
  const bad = (what: string): never => {
    throw new InvalidLoginTokenError(`The LoginToken string is damaged (${what}).`);
  };
  if (typeof raw !== 'object' || raw === null) return bad('not an object');
  const o = raw as Record<string, unknown>;
  if (typeof o.p !== 'string' || !/^\d+$/.test(o.p)) bad('phone');
  if (typeof o.h !== 'string' || o.h.length === 0) bad('phone code hash');
  if (!isPositiveInt(o.d)) bad('dc id');
  if (typeof o.t !== 'string') bad('code type');
  if (o.l !== undefined && !isPositiveInt(o.l)) bad('code length');
  if (o.n !== undefined && typeof o.n !== 'string') bad('next code type');
  if (o.s !== undefined && !(typeof o.s === 'number' && o.s >= 0)) bad('timeout');
  if (typeof o.c !== 'number' || !Number.isFinite(o.c)) bad('creation time');
  return {
    phone: o.p as string,
    phoneCodeHash: o.h as string,
    dcId: o.d as number,
    type: o.t as SentCodeKind,
    ...(o.l !== undefined ? { codeLength: o.l as number } : {}),
    ...(o.n !== undefined ? { nextType: o.n as NextCodeKind } : {}),
    ...(o.s !== undefined ? { timeoutSeconds: o.s as number } : {}),
    createdAt: new Date(o.c as number),
  };
}

function isPositiveInt(x: unknown): boolean {
  return typeof x === 'number' && Number.isSafeInteger(x) && x > 0;
}

type SentCodeType = TlByName['auth.sentCode']['type'];
type CodeType = NonNullable<TlByName['auth.sentCode']['nextType']>;

/** Reads how the code was sent from auth.sentCode's `type`. */
export function sentCodeKind(type: SentCodeType): { kind: SentCodeKind; codeLength?: number } {
  const length = 'length' in type && typeof type.length === 'number' ? type.length : undefined;
  const kind = SENT_CODE_KINDS[type._] ?? 'unknown';
  return length === undefined ? { kind } : { kind, codeLength: length };
}

/** Reads auth.sentCode's `nextType`. */
export function nextCodeKind(type: CodeType): NextCodeKind {
  return NEXT_CODE_KINDS[type._] ?? 'unknown';
}

const SENT_CODE_KINDS: Record<string, SentCodeKind> = {
  'auth.sentCodeTypeApp': 'app',
  'auth.sentCodeTypeSms': 'sms',
  'auth.sentCodeTypeCall': 'call',
  'auth.sentCodeTypeFlashCall': 'flashCall',
  'auth.sentCodeTypeMissedCall': 'missedCall',
  'auth.sentCodeTypeEmailCode': 'email',
  'auth.sentCodeTypeSetUpEmailRequired': 'setUpEmailRequired',
  'auth.sentCodeTypeFragmentSms': 'fragment',
  'auth.sentCodeTypeFirebaseSms': 'firebaseSms',
  'auth.sentCodeTypeSmsWord': 'smsWord',
  'auth.sentCodeTypeSmsPhrase': 'smsPhrase',
};

const NEXT_CODE_KINDS: Record<string, NextCodeKind> = {
  'auth.codeTypeSms': 'sms',
  'auth.codeTypeCall': 'call',
  'auth.codeTypeFlashCall': 'flashCall',
  'auth.codeTypeMissedCall': 'missedCall',
  'auth.codeTypeFragmentSms': 'fragment',
};
