/** Base class of every error this package throws to its users. */
export class TestServerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TestServerError';
  }
}

/** Invalid options or management calls (unknown DC, malformed bot token, duplicate phone...). */
export class TestServerConfigError extends TestServerError {
  constructor(message: string) {
    super(message);
    this.name = 'TestServerConfigError';
  }
}

/**
 * What a method handler throws to make the server answer with `rpc_error`.
 * `errorMessage` is Telegram's error text, e.g. `PHONE_MIGRATE_2` or `FLOOD_WAIT_31`.
 */
export class RpcFailure extends TestServerError {
  readonly code: number;
  readonly errorMessage: string;

  constructor(code: number, errorMessage: string) {
    super(`${code} ${errorMessage}`);
    this.name = 'RpcFailure';
    this.code = code;
    this.errorMessage = errorMessage;
  }
}

/** Shorthands for the errors the handlers raise most. */
export const rpc = {
  badRequest: (message: string): RpcFailure => new RpcFailure(400, message),
  unauthorized: (message = 'AUTH_KEY_UNREGISTERED'): RpcFailure => new RpcFailure(401, message),
  seeOther: (message: string): RpcFailure => new RpcFailure(303, message),
  flood: (seconds: number): RpcFailure => new RpcFailure(420, `FLOOD_WAIT_${seconds}`),
  notAcceptable: (message: string): RpcFailure => new RpcFailure(406, message),
};
