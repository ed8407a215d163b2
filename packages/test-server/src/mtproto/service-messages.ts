import { encodeRpcResult } from '@telets/transport';
import { mtprotoCodec } from '../tl/layers.node.js';
import type { TlObj } from '../tl/object.js';
import { type MessageScope, nowSeconds } from './scope.js';

/** The MTProto service calls a client may send, answered here; undefined when `name` is not one. */
export function handleServiceMessage(scope: MessageScope, msgId: bigint, message: TlObj): boolean {
  const { session, runtime, host } = scope;
  const codec = mtprotoCodec();
  const respond = (obj: TlObj): void => session.queue(codec.encode(obj), true, true);
  switch (message._) {
    case 'msgs_ack':
    case 'http_wait':
    case 'msgs_state_info':
    case 'msgs_all_info':
    case 'msg_detailed_info':
    case 'msg_new_detailed_info':
      return true;
    case 'ping':
    case 'ping_delay_disconnect':
      respond({ _: 'pong', msgId, pingId: message.pingId });
      if (message._ === 'ping_delay_disconnect') {
        scope.disconnectAfter(Number(message.disconnectDelay));
      }
      return true;
    case 'get_future_salts': {
      const now = nowSeconds(scope);
      respond({
        _: 'future_salts',
        reqMsgId: msgId,
        now,
        salts: runtime.futureSalts(now, Number(message.num)).map((s) => ({
          _: 'future_salt',
          validSince: s.validSince,
          validUntil: s.validUntil,
          salt: s.salt,
        })),
      });
      return true;
    }
    case 'msgs_state_req': {
      const ids = (message.msgIds as bigint[]) ?? [];
      respond({
        _: 'msgs_state_info',
        reqMsgId: msgId,
        info: Uint8Array.from(ids.map((id) => session.stateOf(id))),
      });
      return true;
    }
    case 'msg_resend_req': {
      for (const id of (message.msgIds as bigint[]) ?? []) {
        const body = session.sentBody(id);
        if (body) session.queue(body, true, false);
      }
      return true;
    }
    case 'destroy_session': {
      const target = message.sessionId as bigint;
      const isKnown = target !== session.sessionId && runtime.sessions.delete(target);
      const answer = codec.encode({
        _: isKnown ? 'destroy_session_ok' : 'destroy_session_none',
        sessionId: target,
      });
      session.queue(encodeRpcResult(msgId, answer), true, true);
      return true;
    }
    case 'rpc_drop_answer': {
      const answer = codec.encode({ _: 'rpc_answer_unknown' });
      session.queue(encodeRpcResult(msgId, answer), true, true);
      return true;
    }
    case 'destroy_auth_key':
    case 'req_pq':
    case 'req_pq_multi':
    case 'req_DH_params':
    case 'set_client_DH_params':
      host.warn(scope.dcId, `${message._} inside an encrypted message ignored`);
      return true;
    default:
      return false;
  }
}
