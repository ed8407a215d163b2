/**
 * Chooses the messages of one outgoing packet: pending acks first, then service answers, then
 * queued requests while they fit the container limits. A request that must not travel in a
 * container (after bad_msg 64) goes alone.
 */
import {
  encodeMsgIdVectorMessage,
  ID,
  type InnerMessage,
  MESSAGE_HEADER_BYTES,
} from './message-codec.js';
import type { MessageHeader, RequestTracker, TrackedRequest } from './request-tracker.js';

const MAX_ACKS_PER_MESSAGE = 8192;

export interface OutgoingSources {
  /** msg_ids owed an ack; the ones packed are removed. */
  pendingAcks: bigint[];
  /** Service answers; the ones packed are removed. */
  serviceQueue: Uint8Array[];
  tracker: RequestTracker;
  /** Gives a message its msg_id and seq_no. */
  nextHeader(isContentRelated: boolean): MessageHeader;
}

export interface OutgoingBatch {
  messages: InnerMessage[];
  /** The requests among `messages`, marked as sent. */
  carried: TrackedRequest[];
}

export function packOutgoing(
  sources: OutgoingSources,
  limits: { maxMessages: number; maxBytes: number },
): OutgoingBatch {
  const { pendingAcks, serviceQueue, tracker } = sources;
  const messages: InnerMessage[] = [];
  const carried: TrackedRequest[] = [];
  let bytes = 8;
  const push = (
    body: Uint8Array,
    isContentRelated: boolean,
    reuse?: MessageHeader,
  ): MessageHeader => {
    const header = reuse ?? sources.nextHeader(isContentRelated);
    messages.push({ msgId: header.msgId, seqNo: header.seqNo, body });
    bytes += MESSAGE_HEADER_BYTES + body.length;
    return header;
  };
  if (pendingAcks.length > 0) {
    const ids = pendingAcks.splice(0, MAX_ACKS_PER_MESSAGE);
    push(encodeMsgIdVectorMessage(ID.msgsAck, ids), false);
  }
  while (serviceQueue.length > 0 && messages.length < limits.maxMessages) {
    push(serviceQueue.shift() as Uint8Array, true);
  }
  for (;;) {
    const request = tracker.shiftIf((candidate) => {
      if (messages.length >= limits.maxMessages) return false;
      if (messages.length === 0) return true;
      if (candidate.isContainerForbidden) return false;
      if (carried.some((other) => other.isContainerForbidden)) return false;
      return bytes + MESSAGE_HEADER_BYTES + candidate.wireBody.length <= limits.maxBytes;
    });
    if (!request) break;
    tracker.markSent(request, push(request.wireBody, true, request.resendHeader));
    carried.push(request);
  }
  return { messages, carried };
}
