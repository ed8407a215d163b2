import { encodeRpcResult, maybeGzip } from '@telets/transport';
import { executeRequest, innermostMethod } from '../methods/execute.js';
import { apiCodec, mtprotoCodec, resolveLayer, SERVER_LAYER } from '../tl/layers.node.js';
import type { TlObj } from '../tl/object.js';
import { type SchemaCodec, SchemaCodecError } from '../tl/schema-codec.js';
import type { MessageScope } from './scope.js';
import { ID, peekId, readInt32 } from './wire.js';

const GZIP_THRESHOLD_BYTES = 512;
const FLOOD_WAIT_CODE = 420;

export type PreparedRpc =
  | {
      readonly isDecoded: true;
      readonly request: TlObj;
      readonly method: string;
      readonly codec: SchemaCodec;
    }
  | { readonly isDecoded: false; readonly method: string; readonly errorMessage: string };

export function rpcErrorBytes(code: number, message: string): Uint8Array {
  return mtprotoCodec().encode({ _: 'rpc_error', errorCode: code, errorMessage: message });
}

/** Reads an API request in the caller's layer (invokeWithLayer sets that layer first). */
export function prepareRpc(scope: MessageScope, body: Uint8Array): PreparedRpc {
  const record = scope.runtime.record;
  if (peekId(body) === ID.invokeWithLayer && body.length >= 8) {
    record.layer = resolveLayer(readInt32(body, 4));
  }
  const codec = apiCodec(record.layer ?? SERVER_LAYER);
  try {
    const request = codec.decode(body);
    return { isDecoded: true, request, method: innermostMethod(request)._, codec };
  } catch (error) {
    const id = peekId(body);
    const method = codec.nameOf(id) ?? `0x${(id >>> 0).toString(16).padStart(8, '0')}`;
    const isUnknownMethod =
      error instanceof SchemaCodecError &&
      error.constructorId !== undefined &&
      !codec.isFunctionId(error.constructorId);
    return {
      isDecoded: false,
      method,
      errorMessage: isUnknownMethod ? 'INPUT_METHOD_INVALID' : 'INPUT_FETCH_ERROR',
    };
  }
}

/** Queues an answer, honouring the answer faults (drop, stall, delay). */
function deliver(scope: MessageScope, method: string, body: Uint8Array): void {
  const { host, runtime, session, dcId } = scope;
  const send = (): void => {
    session.queue(body, true, true);
    host.runtimes.flush(runtime, session);
  };
  if (host.faults.takeDropBeforeAnswer(dcId, method)) {
    (host.runtimes.outletOf(session) ?? { close: () => scope.closeConnection() }).close();
    return;
  }
  if (host.faults.takeStall(dcId, method)) {
    host.faults.onRelease(send);
    return;
  }
  const delayMs = host.faults.takeDelayMs(dcId, method);
  if (delayMs !== undefined) {
    setTimeout(send, delayMs);
    return;
  }
  send();
}

/** Answers a resend of an already executed msg_id from the cache, without executing it again. */
export function replayCached(scope: MessageScope, msgId: bigint): boolean {
  const cached = scope.session.cachedResult(msgId);
  if (!cached) return false;
  const { host, dcId, runtime } = scope;
  host.world.counters.received(cached.method);
  host.world.counters.replayed(cached.method);
  host.log({
    dcId,
    authKeyId: runtime.record.id,
    method: cached.method,
    outcome: 'replayed',
    isReplay: true,
  });
  scope.session.queue(cached.body, true, true);
  return true;
}

/** Executes one API request and queues its rpc_result (asynchronously). */
export function executeRpc(scope: MessageScope, msgId: bigint, prepared: PreparedRpc): void {
  const { host, dcId, runtime, session } = scope;
  const { counters } = host.world;
  counters.received(prepared.method);
  const finish = (payload: Uint8Array, outcome: string): void => {
    const body = encodeRpcResult(msgId, maybeGzip(payload, GZIP_THRESHOLD_BYTES));
    session.inFlight.delete(msgId);
    session.cacheResult(msgId, { method: prepared.method, body });
    host.log({
      dcId,
      authKeyId: runtime.record.id,
      method: prepared.method,
      outcome,
      isReplay: false,
    });
    deliver(scope, prepared.method, body);
  };
  if (!prepared.isDecoded) {
    counters.failed(prepared.method);
    finish(rpcErrorBytes(400, prepared.errorMessage), `400 ${prepared.errorMessage}`);
    return;
  }
  if (scope.isDuplicateConnection) {
    counters.failed(prepared.method);
    finish(rpcErrorBytes(406, 'AUTH_KEY_DUPLICATED'), '406 AUTH_KEY_DUPLICATED');
    return;
  }
  const floodSeconds = host.faults.takeFloodWaitSeconds(dcId, prepared.method);
  if (floodSeconds !== undefined) {
    counters.failed(prepared.method);
    finish(rpcErrorBytes(420, `FLOOD_WAIT_${floodSeconds}`), `420 FLOOD_WAIT_${floodSeconds}`);
    return;
  }
  session.inFlight.add(msgId);
  const ctx = { world: host.world, dcId, authKey: runtime.record, layer: prepared.codec.layer };
  void executeRequest(ctx, prepared.request)
    .then((outcome) => {
      // Flood control refuses a request instead of running it, so it does not count as executed.
      if (outcome.isOk || outcome.error.code !== FLOOD_WAIT_CODE) {
        counters.executed(prepared.method);
      }
      if (!outcome.isOk) {
        counters.failed(prepared.method);
        const { code, errorMessage } = outcome.error;
        finish(rpcErrorBytes(code, errorMessage), `${code} ${errorMessage}`);
        return;
      }
      let payload: Uint8Array;
      try {
        payload = prepared.codec.encodeResult(innermostMethod(prepared.request)._, outcome.value);
      } catch (error) {
        host.warn(
          dcId,
          `cannot encode the result of ${prepared.method}: ${(error as Error).message}`,
        );
        counters.failed(prepared.method);
        finish(rpcErrorBytes(500, 'INTERNAL_SERVER_ERROR'), '500 INTERNAL_SERVER_ERROR');
        return;
      }
      finish(payload, 'ok');
    })
    .catch((error: unknown) => {
      // Nothing may escape as an unhandled rejection; the request stays unanswered (logged).
      session.inFlight.delete(msgId);
      host.warn(dcId, `answering ${prepared.method} failed: ${(error as Error).message}`);
    });
}
