// Auth may not import @telets/transport, so RPC errors are recognised by shape: a numeric `code`
// plus the error text either as `rawMessage`/`errorMessage` ('FLOOD_WAIT_31'), or as an
// upper-case `name` ('FLOOD_WAIT') with an optional numeric `value`. Wrappers (e.g. the client's
// LoggedOutError) are looked through via their `cause` chain.

/** An RPC error normalised to its parts: 420 / 'FLOOD_WAIT' / 31. */
export interface RpcErrorInfo {
  code: number;
  /** Without the numeric suffix: 'FLOOD_WAIT', 'PHONE_MIGRATE', 'PHONE_CODE_INVALID'. */
  name: string;
  /** The `X` of `NAME_X`, when present. */
  value?: number;
  /** The request's `_` name, when the error carries it. */
  request?: string;
}

const RPC_NAME = /^[A-Z0-9_]+$/;
const MAX_CAUSE_DEPTH = 5;

/** The RPC error in `e` or its cause chain, normalised; undefined when there is none. */
export function rpcErrorOf(e: unknown): RpcErrorInfo | undefined {
  let current: unknown = e;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && isObject(current); depth++) {
    const info = ownRpcInfo(current);
    if (info) return info;
    current = current.cause;
  }
  return undefined;
}

/** True when `e` (or its cause chain) is an RPC error answered by the server. */
export function isRpcError(e: unknown): boolean {
  return rpcErrorOf(e) !== undefined;
}

/** Splits 'FLOOD_WAIT_31' into 'FLOOD_WAIT' and 31; names without a number stay whole. */
export function splitRpcName(text: string): { name: string; value?: number } {
  const m = /^(.*[A-Z])_(\d+)$/.exec(text);
  return m ? { name: m[1], value: Number(m[2]) } : { name: text };
}

function ownRpcInfo(o: Record<string, unknown>): RpcErrorInfo | undefined {
  if (typeof o.code !== 'number') return undefined;
  const request = typeof o.request === 'string' ? o.request : undefined;
  let parts: { name: string; value?: number } | undefined;
  const raw = typeof o.rawMessage === 'string' ? o.rawMessage : o.errorMessage;
  if (typeof raw === 'string' && RPC_NAME.test(raw)) {
    parts = splitRpcName(raw);
  } else if (typeof o.name === 'string' && RPC_NAME.test(o.name)) {
    parts = splitRpcName(o.name);
  } else if (typeof o.message === 'string') {
    // Last resort: a message like "420 FLOOD_WAIT_31 (caused by auth.sendCode)".
    const m = /\b\d{3} ([A-Z][A-Z0-9_]*)\b/.exec(o.message);
    if (m) parts = splitRpcName(m[1]);
  }
  if (!parts) return undefined;
  const value = typeof o.value === 'number' ? o.value : parts.value;
  return {
    code: o.code,
    name: parts.name,
    ...(value !== undefined ? { value } : {}),
    ...(request !== undefined ? { request } : {}),
  };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}
