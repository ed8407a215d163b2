/** The formats a session can be read from; named in every format error. */
export type SessionFormat =
  | 'telets'
  | 'telethon'
  | 'gramjs'
  | 'telethon-file'
  | 'telets-file'
  | 'unknown';

/** Base class of every session error, for `instanceof` checks. Messages never contain key bytes. */
export class SessionError extends Error {
  override readonly name: string = 'SessionError';
}

/** A string, blob or file could not be read as a session: says what was expected and what was found. */
export class SessionFormatError extends SessionError {
  override readonly name: string = 'SessionFormatError';
  /** The format that was detected (or assumed) when the problem was found. */
  readonly format: SessionFormat;

  constructor(format: SessionFormat, message: string) {
    super(message);
    this.format = format;
  }
}

/** A session value breaks an invariant (bad DC id, auth key of the wrong length, ...). */
export class SessionValidationError extends SessionError {
  override readonly name: string = 'SessionValidationError';
}

/** The storage was used after `close()`. */
export class SessionClosedError extends SessionError {
  override readonly name: string = 'SessionClosedError';

  constructor(what = 'session storage') {
    super(`The ${what} is closed; open a new one to use it again`);
  }
}
