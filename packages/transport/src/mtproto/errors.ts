import { describeBadMsgCode } from './bad-msg.js';

/**
 * Errors of the MTProto layer and the Sender. Every class extends {@link MtprotoError}, so
 * `err instanceof MtprotoError` catches all of them; `name` is set so they can also be matched
 * by string. Messages never contain key material, nonces or payload bytes.
 */
export class MtprotoError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * An incoming packet failed a check from core.telegram.org/mtproto/security_guidelines (wrong
 * auth_key_id, msg_key, session, msg_id parity, lengths, handshake nonces...). Whatever
 * produced it is discarded, never acted on.
 */
export class SecurityError extends MtprotoError {
  /** Short machine-readable reason, e.g. 'msg_key', 'session_id', 'padding'. */
  readonly check: string;
  constructor(check: string, message: string, options?: { cause?: unknown }) {
    super(`security check failed (${check}): ${message}`, options);
    this.check = check;
  }
}

/** The auth-key exchange failed: a refused key, dh_gen_fail, bad DH parameters, no common RSA key. */
export class HandshakeError extends MtprotoError {}

/** The server answered with a bad_msg_notification the client cannot repair by resending. */
export class BadMessageError extends MtprotoError {
  readonly code: number;
  constructor(code: number, requestName: string) {
    super(`bad_msg_notification ${code} (${describeBadMsgCode(code)}) for ${requestName}`);
    this.code = code;
  }
}

/**
 * An `rpc_error` answer. `FLOOD_WAIT_31` becomes `name = 'FLOOD_WAIT'`, `value = 31`;
 * `FILE_PART_3_MISSING` becomes `name = 'FILE_PART_MISSING'`, `value = 3`. Unlike the other
 * classes, `name` is the RPC error's name (that is what callers switch on); use
 * `instanceof RpcError` to recognise the class.
 */
export class RpcError extends MtprotoError {
  /** HTTP-like code: 303, 400, 401, 403, 406, 420, 500... */
  readonly code: number;
  /** The numeric part, e.g. 31 for FLOOD_WAIT_31; undefined when there is none. */
  readonly value: number | undefined;
  /** The `_` of the request that caused it, e.g. 'auth.sendCode'. */
  readonly request: string;
  /** The error message exactly as the server sent it, e.g. 'FLOOD_WAIT_31'. */
  readonly rawMessage: string;

  constructor(code: number, rawMessage: string, request: string) {
    super(`${code} ${rawMessage} (caused by ${request})`);
    const { name, value } = parseRpcErrorMessage(rawMessage);
    this.code = code;
    this.name = name;
    this.value = value;
    this.request = request;
    this.rawMessage = rawMessage;
  }
}

/** A request got no answer within its `timeoutMs`. Only that request is rejected. */
export class RequestTimeoutError extends MtprotoError {
  readonly request: string;
  readonly timeoutMs: number;
  constructor(request: string, timeoutMs: number) {
    super(`${request} got no answer within ${timeoutMs} ms`);
    this.request = request;
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's AbortSignal fired. `cause` carries the signal's reason. */
export class RequestAbortedError extends MtprotoError {
  readonly request: string;
  constructor(request: string, reason?: unknown) {
    super(`${request} was aborted`, { cause: reason });
    this.request = request;
  }
}

/** The connection owed answers and stayed silent for `stallTimeoutMs`; it is replaced. */
export class ConnectionStalledError extends MtprotoError {
  readonly silentMs: number;
  constructor(silentMs: number) {
    super(`the server sent nothing for ${silentMs} ms while answers were due`);
    this.silentMs = silentMs;
  }
}

/** The Sender was closed (by `close()` or after giving up reconnecting) before an answer came. */
export class SenderClosedError extends MtprotoError {}

/**
 * Splits an RPC error message into its name and numeric value. The number is the first
 * all-digit underscore-separated segment: FLOOD_WAIT_31, PHONE_MIGRATE_2, FILE_PART_3_MISSING.
 */
export function parseRpcErrorMessage(message: string): { name: string; value: number | undefined } {
  const match = /_(\d+)(?=_|$)/.exec(message);
  if (!match) return { name: message, value: undefined };
  const name = message.slice(0, match.index) + message.slice(match.index + match[0].length);
  return { name, value: Number(match[1]) };
}
