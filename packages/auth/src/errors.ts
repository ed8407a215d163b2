// Every error auth throws. Messages are plain words for the person at the keyboard and never
// contain a secret (login code, password, api hash, bot token secret).

export interface AuthErrorOptions {
  cause?: unknown;
  /** The RPC error name Telegram answered with, when the error comes from the server. */
  rpcName?: string;
}

/** Base of every @telets/auth error. */
export class AuthError extends Error {
  override name = 'AuthError';
  /** The RPC error name behind this error (e.g. 'PHONE_CODE_INVALID'), if the server sent one. */
  readonly rpcName?: string;

  constructor(message: string, options: AuthErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.rpcName !== undefined) this.rpcName = options.rpcName;
  }
}

/** Input rejected before any network call (or the server said the same thing about it). */
export class AuthInputError extends AuthError {
  override name = 'AuthInputError';
}

export class InvalidApiIdError extends AuthInputError {
  override name = 'InvalidApiIdError';
}

export class InvalidApiHashError extends AuthInputError {
  override name = 'InvalidApiHashError';
  /** True when the value given as api hash has the shape of a bot token. */
  readonly looksLikeBotToken: boolean;

  constructor(message: string, looksLikeBotToken: boolean, options?: AuthErrorOptions) {
    super(message, options);
    this.looksLikeBotToken = looksLikeBotToken;
  }
}

export class InvalidPhoneError extends AuthInputError {
  override name = 'InvalidPhoneError';
}

/** The login code is malformed (empty); see CodeInvalidError for a code the server refused. */
export class InvalidCodeError extends AuthInputError {
  override name = 'InvalidCodeError';
}

/** The password is malformed (empty); see PasswordInvalidError for a wrong password. */
export class InvalidPasswordError extends AuthInputError {
  override name = 'InvalidPasswordError';
}

export class InvalidBotTokenError extends AuthInputError {
  override name = 'InvalidBotTokenError';
  /** True when the value given as bot token has the shape of "api id:api hash". */
  readonly looksLikeApiCredentials: boolean;

  constructor(message: string, looksLikeApiCredentials = false, options?: AuthErrorOptions) {
    super(message, options);
    this.looksLikeApiCredentials = looksLikeApiCredentials;
  }
}

/** A LoginToken string that cannot be read back. */
export class InvalidLoginTokenError extends AuthInputError {
  override name = 'InvalidLoginTokenError';
}

/** The server refused the login code (PHONE_CODE_INVALID). */
export class CodeInvalidError extends AuthError {
  override name = 'CodeInvalidError';
}

/** The login code is too old; request a new one (PHONE_CODE_EXPIRED). */
export class CodeExpiredError extends AuthError {
  override name = 'CodeExpiredError';
}

/** The 2FA password is wrong (PASSWORD_HASH_INVALID). */
export class PasswordInvalidError extends AuthError {
  override name = 'PasswordInvalidError';
}

/** The phone number has no Telegram account yet; sign up in an official app first. */
export class SignUpRequiredError extends AuthError {
  override name = 'SignUpRequiredError';
}

/** The server refused the phone number (banned, flood-limited, unoccupied, ...); see `rpcName`. */
export class PhoneNumberRejectedError extends AuthError {
  override name = 'PhoneNumberRejectedError';
}

/** The server asks to wait before trying again (FLOOD_WAIT_X and its variants). */
export class FloodWaitError extends AuthError {
  override name = 'FloodWaitError';
  readonly seconds: number;
  /** The request's `_` name, when known. */
  readonly request?: string;

  constructor(seconds: number, options: AuthErrorOptions & { request?: string } = {}) {
    super(
      `Telegram asks to wait ${formatWait(seconds)} before trying again` +
        (options.request ? ` (after ${options.request})` : ''),
      { rpcName: 'FLOOD_WAIT', ...options },
    );
    this.seconds = seconds;
    if (options.request !== undefined) this.request = options.request;
  }
}

/** The account's 2FA uses a key-derivation algorithm this version cannot compute. */
export class UnsupportedPasswordAlgorithmError extends AuthError {
  override name = 'UnsupportedPasswordAlgorithmError';
}

/** The server answered something the flow cannot continue from. */
export class UnexpectedAnswerError extends AuthError {
  override name = 'UnexpectedAnswerError';
}

/** The user gave up (too many attempts, closed input) or the flow was aborted. */
export class LoginCancelledError extends AuthError {
  override name = 'LoginCancelledError';
}

/** "31 seconds", "5 minutes", "2 hours 3 minutes": how long a person should wait. */
export function formatWait(seconds: number): string {
  if (seconds < 60) return plural(seconds, 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
