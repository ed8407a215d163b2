// A scripted AuthHost for unit tests: answers per request `_`, records every call.
import type { CryptoProvider } from '@telets/crypto';
import type { TlByName, TlFunction } from '@telets/tl-schema';
import type { AuthHost, AuthLogger, InvokeOptions } from '../host.js';
import type { Prompter } from '../prompter.js';

/** Shaped like @telets/transport's RpcError (auth must recognise it structurally). */
export class FakeRpcError extends Error {
  readonly code: number;
  readonly value: number | undefined;
  readonly request: string;
  readonly rawMessage: string;

  constructor(code: number, rawMessage: string, request = 'unknown') {
    super(`${code} ${rawMessage} (caused by ${request})`);
    const m = /^(.*[A-Z])_(\d+)$/.exec(rawMessage);
    this.name = m ? m[1] : rawMessage;
    this.value = m ? Number(m[2]) : undefined;
    this.code = code;
    this.request = request;
    this.rawMessage = rawMessage;
  }
}

export type AnswerFn = (request: TlFunction) => unknown;
/** A value to answer with, an Error to throw, or a function computing either from the request. */
export type Answer = AnswerFn | object | string | number | boolean | bigint | null;

export interface RecordedCall {
  _: string;
  request: TlFunction;
  dcId: number;
}

export const API_HASH = '0123456789abcdef0123456789abcdef';

export class FakeHost implements AuthHost {
  apiId = 12345;
  apiHash = API_HASH;
  /** Tests that compute SRP set a real provider. */
  crypto: CryptoProvider = new Proxy({} as CryptoProvider, {
    get: () => {
      throw new Error('FakeHost: no crypto provider set for this test');
    },
  });
  readonly calls: RecordedCall[] = [];
  readonly signedIn: TlByName['user'][] = [];
  readonly switches: number[] = [];
  readonly logLines: string[] = [];
  signedOutCount = 0;
  dcId = 2;
  readonly logger: AuthLogger = {
    debug: (m) => this.logLines.push(m),
    info: (m) => this.logLines.push(m),
    warn: (m) => this.logLines.push(m),
  };
  private readonly script = new Map<string, Answer[]>();
  private readonly listeners = new Set<(update: unknown) => void>();

  /**
   * Queue answers for a request name, used in order; the last one repeats. An Error is thrown, a
   * function is called with the request.
   */
  on(name: string, ...answers: Answer[]): this {
    const queue = this.script.get(name) ?? [];
    queue.push(...answers);
    this.script.set(name, queue);
    return this;
  }

  /** Replaces the answers queued for a request name. */
  set(name: string, ...answers: Answer[]): this {
    this.script.set(name, answers);
    return this;
  }

  callsOf(name: string): RecordedCall[] {
    return this.calls.filter((c) => c._ === name);
  }

  async invoke<R extends TlFunction>(request: R, _options?: InvokeOptions): Promise<never> {
    this.calls.push({ _: request._, request, dcId: this.dcId });
    const queue = this.script.get(request._);
    if (!queue || queue.length === 0)
      throw new Error(`FakeHost: no scripted answer for ${request._}`);
    const answer = queue.length > 1 ? queue.shift() : queue[0];
    const value = typeof answer === 'function' ? await answer(request) : answer;
    if (value instanceof Error) throw value;
    return value as never;
  }

  async onSignedIn(user: TlByName['user']): Promise<void> {
    this.signedIn.push(user);
  }

  async onSignedOut(): Promise<void> {
    this.signedOutCount++;
  }

  homeDcId(): number {
    return this.dcId;
  }

  async switchHomeDc(dcId: number): Promise<void> {
    this.switches.push(dcId);
    this.dcId = dcId;
  }

  onUpdate(listener: (update: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  emitUpdate(update: unknown): void {
    for (const l of [...this.listeners]) l(update);
  }
}

export function rpc(code: number, message: string, request?: string): FakeRpcError {
  return new FakeRpcError(code, message, request);
}

export function makeUser(id: bigint, extra: Partial<TlByName['user']> = {}): TlByName['user'] {
  return { _: 'user', id, firstName: 'Ada', lastName: 'Lovelace', ...extra } as TlByName['user'];
}

export function authorization(user: TlByName['user']): TlByName['auth.authorization'] {
  return { _: 'auth.authorization', user } as TlByName['auth.authorization'];
}

/** A Prompter that answers from a script and records everything said and asked. */
export class ScriptedPrompter implements Prompter {
  readonly said: string[] = [];
  readonly asked: { question: string; isSecret: boolean }[] = [];
  isClosed = false;

  constructor(private readonly answers: string[]) {}

  async ask(question: string, options?: { secret?: boolean }): Promise<string> {
    this.asked.push({ question, isSecret: options?.secret === true });
    const next = this.answers.shift();
    if (next === undefined) throw new Error('ScriptedPrompter: no more answers');
    return next;
  }

  say(message: string): void {
    this.said.push(message);
  }

  close(): void {
    this.isClosed = true;
  }
}
