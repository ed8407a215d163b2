/**
 * What a bad_msg_notification / bad_server_salt code means and how the client repairs it
 * (core.telegram.org/mtproto/service_messages_about_messages).
 */
export type BadMsgRemedy =
  /** 16/17: msg_id too low/high — take the server's clock from the notification and resend. */
  | 'resync-time'
  /** 32: seq_no too low — jump the counter forward and resend. */
  | 'seq-up'
  /** 33: seq_no too high — step the counter back and resend. */
  | 'seq-down'
  /** 64: invalid container — resend each message on its own. */
  | 'no-container'
  /** 18/19/20/48: a fresh msg_id (and the new salt for 48) is enough. */
  | 'resend'
  /** 34/35 and unknown codes: a client bug; resending cannot help. */
  | 'fail';

const CODES: Record<number, { description: string; remedy: BadMsgRemedy }> = {
  16: { description: 'msg_id too low', remedy: 'resync-time' },
  17: { description: 'msg_id too high', remedy: 'resync-time' },
  18: { description: 'msg_id not divisible by 4', remedy: 'resend' },
  19: { description: 'container msg_id reused', remedy: 'resend' },
  20: { description: 'message too old', remedy: 'resend' },
  32: { description: 'msg_seqno too low', remedy: 'seq-up' },
  33: { description: 'msg_seqno too high', remedy: 'seq-down' },
  34: { description: 'even msg_seqno for a content-related message', remedy: 'fail' },
  35: { description: 'odd msg_seqno for a message that is not content-related', remedy: 'fail' },
  48: { description: 'incorrect server salt', remedy: 'resend' },
  64: { description: 'invalid container', remedy: 'no-container' },
};

export function describeBadMsgCode(code: number): string {
  return CODES[code]?.description ?? 'unknown error code';
}

export function badMsgRemedy(code: number): BadMsgRemedy {
  return CODES[code]?.remedy ?? 'fail';
}
