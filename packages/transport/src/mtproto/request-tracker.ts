/**
 * Bookkeeping of outgoing requests for the client session: the send queue, which msg_ids (and
 * containers) each request has been sent under, and lookup by msg_id for answers and
 * notifications. A request keeps every msg_id it was ever sent under until it is answered, so a
 * late answer to an earlier copy still resolves it, exactly once.
 */

export interface TrackedRequest {
  readonly key: number;
  readonly name: string;
  /** The body as sent on the wire (already gzip_packed when worth it). */
  readonly wireBody: Uint8Array;
  readonly msgIds: bigint[];
  readonly containerIds: bigint[];
  /** Resends caused by bad_msg_notification / bad_server_salt (bounded). */
  resends: number;
  /** Set after bad_msg 64: send this one outside containers. */
  isContainerForbidden: boolean;
  /** The server acknowledged receipt (msgs_ack); the answer may still be pending. */
  isAcked: boolean;
  /** The header of the latest copy sent. */
  lastHeader?: MessageHeader;
  /**
   * Set when the request is queued again after a reconnect within the same session: the copy
   * goes out under the same msg_id and seq_no, so a server that already executed it answers
   * from its cache instead of running it twice.
   */
  resendHeader?: MessageHeader;
}

export interface MessageHeader {
  readonly msgId: bigint;
  readonly seqNo: number;
}

export class RequestTracker {
  private readonly queue: TrackedRequest[] = [];
  private readonly byKey = new Map<number, TrackedRequest>();
  private readonly byMsgId = new Map<bigint, TrackedRequest>();
  private readonly containers = new Map<bigint, TrackedRequest[]>();

  get queuedCount(): number {
    return this.queue.length;
  }

  /** Requests not yet answered (queued or in flight). */
  get liveCount(): number {
    return this.byKey.size;
  }

  add(request: TrackedRequest): void {
    if (this.byKey.has(request.key)) throw new Error(`request key ${request.key} already in use`);
    this.byKey.set(request.key, request);
    this.queue.push(request);
  }

  has(key: number): boolean {
    return this.byKey.has(key);
  }

  /** Takes the head of the queue when `accept` agrees; used by the packer. */
  shiftIf(accept: (request: TrackedRequest) => boolean): TrackedRequest | undefined {
    const head = this.queue[0];
    if (head === undefined || !accept(head)) return undefined;
    this.queue.shift();
    return head;
  }

  markSent(request: TrackedRequest, header: MessageHeader): void {
    request.lastHeader = header;
    request.resendHeader = undefined;
    if (!request.msgIds.includes(header.msgId)) request.msgIds.push(header.msgId);
    this.byMsgId.set(header.msgId, request);
  }

  markContainer(containerId: bigint, requests: TrackedRequest[]): void {
    for (const request of requests) request.containerIds.push(containerId);
    this.containers.set(containerId, requests);
  }

  /** The live request sent under `msgId`. */
  byMessage(msgId: bigint): TrackedRequest | undefined {
    return this.byMsgId.get(msgId);
  }

  /** Live requests affected by a notification about `msgId` (a request or a container). */
  affectedBy(msgId: bigint): TrackedRequest[] {
    const direct = this.byMsgId.get(msgId);
    if (direct) return [direct];
    const packed = this.containers.get(msgId);
    return packed ? packed.filter((request) => this.byKey.get(request.key) === request) : [];
  }

  isOwnMsgId(msgId: bigint): boolean {
    return this.byMsgId.has(msgId) || this.containers.has(msgId);
  }

  /**
   * Puts live in-flight requests back at the front of the queue, oldest first. With
   * `keepHeader`, those whose latest copy it accepts go out again under that same header.
   */
  requeue(
    requests: Iterable<TrackedRequest>,
    keepHeader?: (header: MessageHeader) => boolean,
  ): void {
    const unique = [...new Set(requests)].filter(
      (request) => this.byKey.get(request.key) === request && !this.queue.includes(request),
    );
    unique.sort((a, b) => a.key - b.key);
    for (const request of unique) {
      const last = request.lastHeader;
      request.resendHeader = last && keepHeader?.(last) ? last : undefined;
    }
    this.queue.unshift(...unique);
  }

  /** Every live request that has been sent and not answered (for a reconnect). */
  inFlight(): TrackedRequest[] {
    return [...this.byKey.values()].filter(
      (request) => request.msgIds.length > 0 && !this.queue.includes(request),
    );
  }

  /** Forgets a request (answered, failed, cancelled). Later answers to it are ignored. */
  remove(request: TrackedRequest): void {
    if (this.byKey.get(request.key) !== request) return;
    this.byKey.delete(request.key);
    const index = this.queue.indexOf(request);
    if (index >= 0) this.queue.splice(index, 1);
    for (const msgId of request.msgIds) this.byMsgId.delete(msgId);
    for (const containerId of request.containerIds) {
      const packed = this.containers.get(containerId);
      if (packed?.every((other) => this.byKey.get(other.key) !== other)) {
        this.containers.delete(containerId);
      }
    }
  }

  get(key: number): TrackedRequest | undefined {
    return this.byKey.get(key);
  }

  /** Removes everything and returns what was live. */
  drain(): TrackedRequest[] {
    const live = [...this.byKey.values()];
    this.queue.length = 0;
    this.byKey.clear();
    this.byMsgId.clear();
    this.containers.clear();
    return live;
  }
}
