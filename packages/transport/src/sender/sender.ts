/**
 * The Sender drives one connection to one DC: it runs the auth-key exchange when it has no key,
 * queues requests and sends them batched through the sans-IO ClientSession, keeps the connection
 * alive with pings, notices a connection that stopped answering, reconnects with backoff and
 * resends what was not answered. Every failure ends up on a request's promise or in an event;
 * nothing escapes as an unhandled rejection.
 */
import {
  deserialize,
  type ResultOf,
  readResult,
  serialize,
  type TlFunction,
} from '@telets/tl-schema';
import { readInt64LE } from '../mtproto/bytes.js';
import { ClientSession, type SessionEvent } from '../mtproto/client-session.js';
import {
  ConnectionStalledError,
  HandshakeError,
  MtprotoError,
  RequestAbortedError,
  SecurityError,
  SenderClosedError,
} from '../mtproto/errors.js';
import type { HandshakeResult } from '../mtproto/handshake-client.js';
import { isPlainPacket } from '../mtproto/plain-message.js';
import { ReconnectPolicy } from './backoff.js';
import { ConnectionAttempt } from './connection-attempt.js';
import { Emitter } from './emitter.js';
import { HandshakeDriver } from './handshake-driver.js';
import { LivenessMonitor } from './liveness.js';
import { createCallerRequest, type Outcome, PendingRequests } from './pending-request.js';
import { realScheduler, type Scheduler, TimerSet } from './scheduler.js';
import type {
  InvokeOptions,
  SenderConnection,
  SenderEvents,
  SenderOptions,
  SenderState,
} from './sender-options.js';

export class Sender {
  private readonly options: SenderOptions;
  private readonly scheduler: Scheduler;
  private readonly random: (n: number) => Uint8Array;
  private readonly events = new Emitter<SenderEvents>();
  private readonly pending = new PendingRequests();
  private stateValue: SenderState = 'idle';
  private authKeyValue: Uint8Array | undefined;
  private serverSalt: bigint | undefined;
  private timeOffsetSeconds: number;
  private session: ClientSession | undefined;
  private attempt: ConnectionAttempt | undefined;
  private handshake: HandshakeDriver | undefined;
  private generation = 0;
  private nextKey = 1;
  private readonly reconnect: ReconnectPolicy;
  private connectWaiters: { resolve(): void; reject(error: Error): void }[] = [];
  private readonly timers: TimerSet;
  private isFlushScheduled = false;
  private readonly liveness: LivenessMonitor;

  constructor(options: SenderOptions) {
    this.options = options;
    this.scheduler = options.scheduler ?? realScheduler;
    this.timers = new TimerSet(this.scheduler);
    this.random = options.random ?? ((n) => options.crypto.randomBytes(n));
    if (options.authKey !== undefined && options.authKey.length !== 256) {
      throw new RangeError(`an auth key has 256 bytes, got ${options.authKey.length}`);
    }
    this.authKeyValue = options.authKey;
    this.serverSalt = options.serverSalt;
    this.timeOffsetSeconds = options.timeOffsetSeconds ?? 0;
    this.reconnect = new ReconnectPolicy(
      options.reconnect ?? {},
      () => readUint32(this.random(4)) / 4294967296,
    );
    this.liveness = new LivenessMonitor({
      stallTimeoutMs: options.stallTimeoutMs ?? 10_000,
      pingIntervalMs: options.pingIntervalMs ?? 60_000,
    });
  }

  get state(): SenderState {
    return this.stateValue;
  }

  /** The auth key in use (secret; for saving the session). */
  get authKey(): Uint8Array | undefined {
    return this.authKeyValue;
  }

  /** The server salt in use (save it with the auth key). */
  get currentServerSalt(): bigint | undefined {
    return this.session?.serverSalt ?? this.serverSalt;
  }

  /** Server time minus local time, in seconds (save it with the auth key). */
  get currentTimeOffsetSeconds(): number {
    return this.session?.timeOffsetSeconds ?? this.timeOffsetSeconds;
  }

  /** Requests waiting for an answer. */
  get pendingCount(): number {
    return this.pending.callerCount;
  }

  on<K extends keyof SenderEvents>(
    event: K,
    listener: (payload: SenderEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  /** Connects (running the handshake if needed); resolves once requests can flow. */
  connect(): Promise<void> {
    if (this.stateValue === 'closed')
      return Promise.reject(new SenderClosedError('the sender is closed'));
    if (this.stateValue === 'connected') return Promise.resolve();
    const ready = new Promise<void>((resolve, reject) =>
      this.connectWaiters.push({ resolve, reject }),
    );
    if (this.stateValue === 'idle') this.startAttempt();
    return ready;
  }

  /** Sends `request` and resolves with its typed result (or rejects with RpcError etc.). */
  invoke<R extends TlFunction>(request: R, options: InvokeOptions = {}): Promise<ResultOf<R>> {
    const name = request._;
    if (this.stateValue === 'closed') {
      return Promise.reject(new SenderClosedError(`cannot send ${name}: the sender is closed`));
    }
    if (options.signal?.aborted) {
      return Promise.reject(new RequestAbortedError(name, options.signal.reason));
    }
    let body: Uint8Array;
    try {
      body = serialize(request);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<ResultOf<R>>((resolve, reject) => {
      const key = this.nextKey++;
      this.pending.add(
        createCallerRequest({
          key,
          request,
          body,
          signal: options.signal,
          timeoutMs: options.timeoutMs,
          scheduler: this.scheduler,
          decode: readAnyResult,
          resolve: resolve as (value: unknown) => void,
          reject,
          abandon: (abandoned, error) => this.abandon(abandoned, error),
        }),
      );
      this.session?.enqueue({ key, body, name });
      if (this.stateValue === 'idle') this.startAttempt();
      else this.scheduleFlush();
    });
  }

  /** Closes the connection for good and rejects everything pending with SenderClosedError. */
  async close(): Promise<void> {
    this.shutDown(undefined);
  }

  // ---- connection lifecycle -------------------------------------------------------------

  private startAttempt(): void {
    this.timers.clear('reconnect');
    const generation = ++this.generation;
    this.setState('connecting');
    this.events.emit('connecting', { attempt: this.reconnect.nextAttempt });
    let connection: SenderConnection;
    try {
      connection = this.options.createConnection();
    } catch (error) {
      this.onAttemptFailed(generation, asError(error));
      return;
    }
    const attempt = new ConnectionAttempt(connection, {
      onPacket: (packet) => this.onPacket(generation, packet),
      onClose: (reason) => this.onConnectionLost(generation, reason),
    });
    this.attempt = attempt;
    attempt.open().then(
      () => {
        if (generation !== this.generation) return;
        try {
          this.onTransportOpen(generation);
        } catch (error) {
          this.dropConnection(asError(error));
        }
      },
      (error: unknown) => this.onAttemptFailed(generation, asError(error)),
    );
  }

  private onTransportOpen(generation: number): void {
    this.attempt?.markOpen();
    this.liveness.reset(this.scheduler.now());
    if (this.authKeyValue) {
      this.becomeReady(false);
      return;
    }
    this.setState('handshaking');
    if (!this.options.rsaKeys || this.options.rsaKeys.length === 0) {
      this.shutDown(new HandshakeError('no auth key and no RSA keys to create one'));
      return;
    }
    this.handshake = new HandshakeDriver({
      crypto: this.options.crypto,
      rsaKeys: this.options.rsaKeys,
      dcId: this.options.dcId,
      random: this.options.random,
      nowMs: () => this.scheduler.now(),
      timers: this.timers,
      stallTimeoutMs: this.options.stallTimeoutMs ?? 10_000,
      timeoutMs: this.options.handshakeTimeoutMs ?? 30_000,
      send: (packet) => this.attempt?.connection.send(packet),
      onTimeout: (error) => {
        if (generation === this.generation) this.dropConnection(error);
      },
    });
    this.handshake.start();
  }

  private async onHandshakeDone(generation: number, result: HandshakeResult): Promise<void> {
    this.handshake?.dispose();
    this.handshake = undefined;
    this.authKeyValue = result.authKey;
    this.serverSalt = result.serverSalt;
    this.timeOffsetSeconds = result.timeOffsetSeconds;
    this.session = undefined;
    this.events.emit('authKey', result);
    try {
      await this.options.onAuthKey?.(result);
    } catch {
      // Saving is the caller's business; a failing callback must not kill the connection.
    }
    if (generation !== this.generation) return;
    try {
      this.becomeReady(true);
    } catch (error) {
      this.dropConnection(asError(error));
    }
  }

  private becomeReady(hasNewAuthKey: boolean): void {
    if (!this.session) {
      this.session = new ClientSession({
        crypto: this.options.crypto,
        authKey: this.authKeyValue as Uint8Array,
        serverSalt: this.serverSalt,
        timeOffsetSeconds: this.timeOffsetSeconds,
        isTimeSynced: hasNewAuthKey,
        nowMs: () => this.scheduler.now(),
        random: this.options.random,
        gzipThresholdBytes: this.options.gzipThresholdBytes,
      });
      for (const request of this.pending.all()) {
        this.session.enqueue({ key: request.key, body: request.body, name: request.name });
      }
    } else {
      this.session.requeueInFlight();
    }
    this.reconnect.succeeded();
    this.liveness.reset(this.scheduler.now());
    this.setState('connected');
    this.events.emit('connected', { hasNewAuthKey });
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const waiter of waiters) waiter.resolve();
    this.scheduleTick();
    this.flush();
  }

  private onAttemptFailed(generation: number, error: Error): void {
    if (generation !== this.generation || this.stateValue === 'closed') return;
    this.dropConnection(error);
  }

  private onConnectionLost(generation: number, reason: Error | undefined): void {
    if (generation !== this.generation || this.stateValue === 'closed') return;
    // Transport code -404: the server does not know our auth key; make a new one.
    if ((reason as { code?: unknown } | undefined)?.code === -404 && this.authKeyValue) {
      this.authKeyValue = undefined;
      this.session = undefined;
    }
    this.dropConnection(reason ?? new MtprotoError('the connection closed'));
  }

  /** Tears the current connection down and schedules the next attempt (or gives up). */
  private dropConnection(reason: Error): void {
    this.teardownConnection();
    const delayMs = this.reconnect.failed();
    if (delayMs === undefined) {
      this.events.emit('disconnected', { reason, willReconnect: false, retryInMs: undefined });
      const attempts = this.reconnect.maxAttempts;
      this.shutDown(
        new SenderClosedError(`gave up after ${attempts} attempts: ${reason.message}`, {
          cause: reason,
        }),
      );
      return;
    }
    this.setState('disconnected');
    this.events.emit('disconnected', { reason, willReconnect: true, retryInMs: delayMs });
    this.timers.set('reconnect', delayMs, () => this.startAttempt());
  }

  private teardownConnection(): void {
    this.generation++;
    const attempt = this.attempt;
    this.attempt = undefined;
    attempt?.dispose();
    this.handshake?.dispose();
    this.handshake = undefined;
    this.timers.clear('tick');
    this.timers.clear('ack');
    // Pings belong to one connection; a new one gets its own.
    for (const key of this.pending.removeInternal()) this.session?.cancel(key);
  }

  private shutDown(reason: Error | undefined): void {
    if (this.stateValue === 'closed') return;
    this.teardownConnection();
    this.timers.clearAll();
    this.setState('closed');
    const error =
      reason instanceof SenderClosedError
        ? reason
        : new SenderClosedError(
            reason ? `the sender closed: ${reason.message}` : 'the sender was closed',
            {
              cause: reason,
            },
          );
    this.session?.drain();
    this.pending.rejectAll(error);
    const waiters = this.connectWaiters;
    this.connectWaiters = [];
    for (const waiter of waiters) waiter.reject(error);
    this.events.emit('closed', { reason });
  }

  // ---- incoming ------------------------------------------------------------------------

  private onPacket(generation: number, packet: Uint8Array): void {
    if (generation !== this.generation) return;
    if (this.stateValue === 'handshaking') {
      this.onHandshakePacket(generation, packet);
      return;
    }
    if (this.stateValue !== 'connected' || !this.session || isPlainPacket(packet)) return;
    let events: SessionEvent[];
    try {
      events = this.session.receive(packet);
    } catch (error) {
      // security_guidelines: discard the packet and re-establish the connection.
      this.dropConnection(
        error instanceof SecurityError
          ? error
          : new SecurityError('packet', 'malformed message', { cause: error }),
      );
      return;
    }
    for (const event of events) this.onSessionEvent(event);
    this.liveness.onReceived(this.scheduler.now(), this.isOwed());
    this.scheduleFlush();
  }

  private onHandshakePacket(generation: number, packet: Uint8Array): void {
    try {
      const result = this.handshake?.receive(packet);
      if (result) void this.onHandshakeDone(generation, result);
    } catch (error) {
      this.dropConnection(asError(error));
    }
  }

  private onSessionEvent(event: SessionEvent): void {
    switch (event.type) {
      case 'result':
        this.settle(event.key, { body: event.body });
        break;
      case 'error':
        this.settle(event.key, { error: event.error });
        break;
      case 'update': {
        let object: ReturnType<typeof deserialize> | undefined;
        try {
          object = deserialize(event.body);
        } catch {
          object = undefined;
        }
        this.events.emit('update', { object, body: event.body });
        break;
      }
      case 'new-session':
        this.events.emit('newSession', { firstMsgId: event.firstMsgId });
        break;
      case 'salt':
        this.serverSalt = event.salt;
        break;
      case 'time-sync':
        this.timeOffsetSeconds = event.offsetSeconds;
        break;
      default:
        break;
    }
  }

  private settle(key: number, outcome: Outcome): void {
    this.pending.settle(key, outcome);
  }

  /** Gives up on one request (timeout, abort): only that request is rejected. */
  private abandon(key: number, error: Error): void {
    if (!this.pending.has(key)) return;
    this.session?.cancel(key);
    this.settle(key, { error });
  }

  // ---- outgoing ------------------------------------------------------------------------

  private scheduleFlush(): void {
    if (this.stateValue !== 'connected' || !this.session?.hasOutgoing) return;
    // Acks alone wait a little so several incoming messages share one msgs_ack.
    if (!this.session.hasUrgentOutgoing && !this.isFlushScheduled) {
      if (!this.timers.has('ack')) {
        this.timers.set('ack', this.options.ackDelayMs ?? 100, () => this.flush());
      }
      return;
    }
    if (this.isFlushScheduled) return;
    this.isFlushScheduled = true;
    queueMicrotask(() => {
      this.isFlushScheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    this.timers.clear('ack');
    const session = this.session;
    const connection = this.attempt?.connection;
    if (this.stateValue !== 'connected' || !session || !connection) return;
    try {
      for (let packet = session.nextPacket(); packet; packet = session.nextPacket()) {
        connection.send(packet.packet);
        this.liveness.onSent(this.scheduler.now(), this.isOwed());
      }
    } catch (error) {
      this.dropConnection(asError(error));
    }
  }

  private isOwed(): boolean {
    return (this.session?.pendingCount ?? 0) > 0;
  }

  // ---- liveness --------------------------------------------------------------------------

  private scheduleTick(): void {
    this.timers.set('tick', this.liveness.tickMs, () => {
      if (this.stateValue !== 'connected') return;
      for (const action of this.liveness.check(this.scheduler.now())) {
        if (action.type === 'dead') {
          this.dropConnection(new ConnectionStalledError(action.silentMs));
          return;
        }
        this.sendPing(action.type === 'keepalive' ? action.disconnectDelaySeconds : undefined);
      }
      this.scheduleTick();
    });
  }

  /** Pings are requests without a caller; their pong counts as traffic like any answer. */
  private sendPing(disconnectDelaySeconds: number | undefined): void {
    const key = this.nextKey++;
    const pingId = readInt64LE(this.random(8), 0);
    const body =
      disconnectDelaySeconds === undefined
        ? serialize({ _: 'ping', pingId })
        : serialize({
            _: 'ping_delay_disconnect',
            pingId,
            disconnectDelay: disconnectDelaySeconds,
          });
    this.pending.add({ key, name: 'ping', body, isInternal: true, settle: () => {} });
    this.session?.enqueue({ key, body, name: 'ping' });
    this.flush();
  }

  // ---- helpers ---------------------------------------------------------------------------

  private setState(state: SenderState): void {
    this.stateValue = state;
  }
}

/** readResult without its generic (ResultOf over every function is too deep to instantiate here). */
const readAnyResult = readResult as (request: TlFunction, data: Uint8Array) => unknown;

function asError(error: unknown): Error {
  return error instanceof Error ? error : new MtprotoError(String(error));
}

function readUint32(bytes: Uint8Array): number {
  return ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
}
