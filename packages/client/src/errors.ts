/**
 * Errors raised by the Client itself. Errors of the layers below keep their own classes
 * (`RpcError` and the transport errors from @telets/transport, the sign-in errors and
 * `FloodWaitError` from @telets/auth, the session errors from the session packages).
 */
export class ClientError extends Error {
  override name = 'ClientError';
}

/** The `session` argument of `new Client(...)` is neither a path, a string session nor a storage. */
export class InvalidSessionArgumentError extends ClientError {
  override name = 'InvalidSessionArgumentError';
}

/** A client option has a value the client cannot use; the message names the option. */
export class InvalidOptionError extends ClientError {
  override name = 'InvalidOptionError';
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`option ${option}: ${message}`);
  }
}

/** A request was made before `connect()` resolved. */
export class NotConnectedError extends ClientError {
  override name = 'NotConnectedError';
  constructor() {
    super('the client is not connected: await client.connect() first');
  }
}

/** The client was disconnected (by `disconnect()` or a fatal error) while a request was pending. */
export class ClientClosedError extends ClientError {
  override name = 'ClientClosedError';
  constructor(
    message = 'the client was disconnected before the request completed',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The server asked the client to use a data centre the client has no address for. */
export class UnknownDcError extends ClientError {
  override name = 'UnknownDcError';
  constructor(readonly dcId: number) {
    super(`no address is known for DC ${dcId}: pass it in the client's \`dcs\` option`);
  }
}

/**
 * The account was signed out on the server (401: AUTH_KEY_UNREGISTERED, SESSION_REVOKED,
 * USER_DEACTIVATED, ...) while this client believed it was signed in. The session has been
 * marked as signed out; sign in again to continue.
 */
export class LoggedOutError extends ClientError {
  override name = 'LoggedOutError';
  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(
      `the server ended this session (${reason}): the account is signed out, sign in again`,
      options,
    );
  }
}

/**
 * Telegram saw the same auth key on two connections at once and revoked it. The client stops
 * and does not reconnect: another process is probably using the same session.
 */
export class AuthKeyDuplicatedError extends ClientError {
  override name = 'AuthKeyDuplicatedError';
  constructor(options?: ErrorOptions) {
    super(
      'AUTH_KEY_DUPLICATED: the same session was used by two connections at once and the server ' +
        'revoked its key; make sure only one process uses a session, then sign in again',
      options,
    );
  }
}
