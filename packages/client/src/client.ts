import type { LoginToken, PasswordToken, Prompter, QrLoginOptions } from '@telets/auth';
import * as auth from '@telets/auth';
import { interactiveLogin as terminalInteractiveLogin } from '@telets/auth/node';
import type { CryptoProvider } from '@telets/crypto';
import { nodeCrypto } from '@telets/crypto/node';
import { encodeStringSession, Session, type SessionStorage } from '@telets/session-memory';
import type { ResultOf, TlByName, TlFunction } from '@telets/tl-schema';
import { createAuthHost } from './auth-host.js';
import type { DcConnector, InvokeOptions } from './connector.js';
import { configuredDcs, configuredRsaKeys, defaultHomeDcId, learnFromConfig } from './dc-config.js';
import { type DcLink, DcLinks } from './dc-links.js';
import { DcMap } from './dc-map.js';
import { nodeDefaults } from './defaults.node.js';
import {
  AuthKeyDuplicatedError,
  ClientClosedError,
  ClientError,
  LoggedOutError,
  NotConnectedError,
} from './errors.js';
import { type ClientEvents, Emitter } from './events.js';
import { consoleLogger, type Logger, ScrubbingLogger } from './logger.js';
import { type CheckedOptions, type ClientOptions, checkOptions } from './options.js';
import { decideAfterFailure } from './request-policy.js';
import { asRpcError, classifyRpcError } from './rpc-errors.js';
import { realScheduler, type Scheduler, sleep } from './scheduler.js';
import { type SessionInput, type SessionSource, sessionSourceOf } from './session-source.js';
import { createTransportConnector } from './transport-connector.node.js';

export type User = TlByName['user'];

export interface ClientInvokeOptions extends InvokeOptions {
  /** Send to this DC instead of the home DC (the authorisation is imported there first). */
  dcId?: number;
}

type State = 'idle' | 'connecting' | 'connected' | 'closing';

/**
 * A Telegram client: one session, one account, links to as many DCs as it needs.
 *
 * ```ts
 * await using client = await new Client('name', apiId, apiHash).connect();
 * ```
 */
export class Client {
  readonly apiId: number;
  readonly crypto: CryptoProvider;
  readonly logger: Logger;
  // A private field, not a property, so that printing the client never shows it.
  readonly #apiHash: string;
  readonly #options: ClientOptions;
  readonly #checked: CheckedOptions;
  readonly #source: SessionSource;
  readonly #scheduler: Scheduler;
  readonly #events: Emitter<ClientEvents>;
  readonly #authHost: auth.AuthHost;
  #connector?: DcConnector;
  #state: State = 'idle';
  #connecting?: Promise<this>;
  #storage?: SessionStorage;
  #session?: Session;
  #dcMap?: DcMap;
  #links?: DcLinks;
  #closing = new AbortController();
  #saving: Promise<void> = Promise.resolve();

  constructor(session: SessionInput, apiId: number, apiHash: string, options: ClientOptions = {}) {
    this.apiId = auth.validateApiId(apiId);
    this.#apiHash = auth.validateApiHash(apiHash);
    this.#checked = checkOptions(options, nodeDefaults());
    this.#source = sessionSourceOf(session);
    this.#options = options;
    this.#scheduler = options.scheduler ?? realScheduler;
    this.#connector = options.connector;
    this.crypto = options.crypto ?? nodeCrypto;
    this.logger = new ScrubbingLogger(
      options.logger ?? consoleLogger,
      this.#checked.logLevel,
      () => [this.#apiHash],
    );
    this.#events = new Emitter((error) =>
      this.logger.error(`an event listener threw: ${describe(error)}`),
    );
    this.#authHost = createAuthHost({
      apiId: this.apiId,
      apiHash: () => this.#apiHash,
      crypto: this.crypto,
      logger: this.logger,
      invoke: (request, invokeOptions) => this.#invoke(request, invokeOptions),
      onSignedIn: (user) => this.onSignedIn(user),
      onSignedOut: () => this.onSignedOut(),
      homeDcId: () => this.homeDcId(),
      switchHomeDc: (dcId) => this.switchHomeDc(dcId),
      onUpdate: (listener) => this.onUpdate(listener),
    });
  }

  /** This client as @telets/auth's host, for calling the auth functions directly. */
  get authHost(): auth.AuthHost {
    return this.#authHost;
  }

  get apiHash(): string {
    return this.#apiHash;
  }

  /** True between a successful connect() and disconnect(). */
  get isConnected(): boolean {
    return this.#state === 'connected';
  }

  on<K extends keyof ClientEvents>(
    name: K,
    listener: (value: ClientEvents[K]) => void,
  ): () => void {
    return this.#events.on(name, listener);
  }

  /**
   * Opens the home DC (creating and saving an auth key when the session has none) and announces
   * the layer and app with initConnection. Resolves to the client itself.
   */
  connect(): Promise<this> {
    if (this.#state === 'connected') return Promise.resolve(this);
    if (this.#connecting) return this.#connecting;
    this.#connecting = this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #connect(): Promise<this> {
    this.#state = 'connecting';
    this.#closing = new AbortController();
    try {
      this.#connector ??= createTransportConnector({
        rsaKeys: configuredRsaKeys(this.#options),
        transport: this.#checked.transport,
        obfuscated: this.#options.obfuscated === true,
        connectTimeoutMs: this.#checked.connectTimeoutMs,
        stallTimeoutMs: this.#checked.stallTimeoutMs,
        pingIntervalMs: this.#checked.pingIntervalMs,
        crypto: this.crypto,
        logger: this.logger,
      });
      this.#storage = await this.#source.open();
      this.#throwIfClosing();
      const loaded = await this.#storage.load();
      this.#throwIfClosing();
      const dcs = configuredDcs(this.#options);
      const session =
        loaded ?? new Session({ homeDcId: this.#checked.defaultDcId ?? defaultHomeDcId(dcs) });
      this.#session = session;
      this.#dcMap = new DcMap(
        this.#options.dcs ?? dcs,
        this.#options.dcs ? [] : [...session.dcs.values()],
      );
      this.#links = new DcLinks(
        this.#connector,
        this.#dcMap,
        this.apiId,
        this.#checked.init,
        {
          authKeyOf: (dcId) => session.getAuthKey(dcId),
          saveAuthKey: async (dc, key) => {
            // A replaced home key (the server forgot the old one) carries no authorisation.
            if (dc.id === session.homeDcId && session.hasAuthKey(dc.id) && session.user) {
              this.logger.warn(`DC ${dc.id} forgot our auth key: the account is signed out`);
              session.user = undefined;
            }
            session.setDc({ ...dc, authKey: key });
            await this.#save();
          },
          onUpdate: (update) => this.#events.emit('update', update),
          onStateChange: (dcId, state, reason) =>
            this.#events.emit('connectionState', { dcId, state, reason }),
          onConfig: (config) => learnFromConfig(this.#dcMap, config),
        },
        this.logger,
        this.#closing.signal,
      );
      this.logger.info(`using a ${this.#source.description}, home DC ${session.homeDcId}`);
      await this.#links.get(session.homeDcId);
      this.#throwIfClosing();
      this.#state = 'connected';
      return this;
    } catch (error) {
      const rpc = asRpcError(error);
      if (rpc && classifyRpcError(rpc).kind === 'duplicated') throw await this.#duplicated(error);
      await this.#teardown();
      throw error;
    }
  }

  #throwIfClosing(): void {
    if (this.#closing.signal.aborted) {
      throw new ClientClosedError('disconnect() was called while connecting');
    }
  }

  /** Ends every link, timer and socket; pending requests reject with ClientClosedError. */
  async disconnect(): Promise<void> {
    if (this.#connecting) {
      // The connect in flight sees the abort, fails and tears down what it had opened.
      this.#closing.abort(new ClientClosedError('disconnect() was called while connecting'));
      await this.#connecting.catch(() => undefined);
      return;
    }
    if (this.#state === 'idle') return;
    await this.#teardown();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.disconnect();
  }

  async #teardown(): Promise<void> {
    this.#state = 'closing';
    const reason = new ClientClosedError();
    this.#closing.abort(reason);
    await this.#links?.closeAll();
    this.#links = undefined;
    await this.#saving.catch(() => undefined);
    if (this.#storage && this.#source.isOwned) await this.#storage.close().catch(() => undefined);
    this.#storage = undefined;
    this.#state = 'idle';
  }

  /** Sends a raw API request, typed by the request. */
  invoke<R extends TlFunction>(request: R, options?: ClientInvokeOptions): Promise<ResultOf<R>> {
    return this.#invoke(request, options) as Promise<ResultOf<R>>;
  }

  async #invoke(request: TlFunction, options: ClientInvokeOptions = {}): Promise<unknown> {
    if (this.#state !== 'connected') {
      throw this.#state === 'closing' ? new ClientClosedError() : new NotConnectedError();
    }
    const links = this.#links as DcLinks;
    const session = this.#session as Session;
    const name = (request as { _: string })._;
    const timeoutMs = options.timeoutMs ?? this.#checked.requestTimeoutMs;
    let migrations = 0;
    for (;;) {
      const home = session.homeDcId;
      const dcId = options.dcId ?? home;
      try {
        const link = await links.get(dcId);
        if (dcId !== home && session.user) {
          link.authorizationImport ??= this.#importAuthorization(link);
          await link.authorizationImport;
        }
        this.logger.debug(`invoking ${name} on DC ${dcId}`);
        return await link.connection.invoke(request, { signal: options.signal, timeoutMs });
      } catch (error) {
        if (!this.isConnected) {
          if (error instanceof ClientClosedError) throw error;
          throw new ClientClosedError(undefined, { cause: error });
        }
        const decision = decideAfterFailure(error, {
          request: name,
          isHomeDc: dcId === home,
          isExplicitDc: options.dcId !== undefined,
          isSignedIn: session.user !== undefined,
          migrations,
          floodSleepThresholdSeconds: this.#checked.floodSleepThresholdSeconds,
        });
        switch (decision.action) {
          case 'migrate':
            migrations++;
            this.logger.info(
              `${decision.rpcName}_${decision.dcId}: ${name} belongs on DC ${decision.dcId}`,
            );
            await this.switchHomeDc(decision.dcId);
            continue;
          case 'sleep':
            this.logger.warn(
              `${decision.rpcName} of ${decision.seconds} s on ${name}: waiting, then sending it again`,
            );
            await sleep(this.#scheduler, decision.seconds * 1000, [
              options.signal,
              this.#closing.signal,
            ]);
            continue;
          case 'loggedOut':
            throw await this.#loggedOut(decision.reason, error);
          case 'duplicated':
            throw await this.#duplicated(error);
          default:
            throw decision.error;
        }
      }
    }
  }

  async #importAuthorization(link: DcLink): Promise<void> {
    this.logger.info(`importing the authorisation into DC ${link.dcId}`);
    try {
      const exported = (await this.#invoke({
        _: 'auth.exportAuthorization',
        dcId: link.dcId,
      })) as ResultOf<{ _: 'auth.exportAuthorization'; dcId: number }>;
      await link.connection.invoke(
        { _: 'auth.importAuthorization', id: exported.id, bytes: exported.bytes },
        { timeoutMs: this.#checked.requestTimeoutMs },
      );
    } catch (error) {
      // The next request to that DC tries again rather than inheriting this failure forever.
      link.authorizationImport = undefined;
      throw error;
    }
  }

  async #loggedOut(reason: string, cause: unknown): Promise<LoggedOutError> {
    const error = new LoggedOutError(reason, { cause });
    this.logger.warn(`signed out by the server (${reason})`);
    await this.onSignedOut();
    this.#events.emit('loggedOut', error);
    return error;
  }

  async #duplicated(cause: unknown): Promise<AuthKeyDuplicatedError> {
    const error = new AuthKeyDuplicatedError({ cause });
    this.logger.error('AUTH_KEY_DUPLICATED: stopping; the session key is no longer valid');
    const session = this.#session;
    if (session) {
      // The server has revoked this key: keeping it would only fail the same way next time.
      if (session.getDc(session.homeDcId)) session.setAuthKey(session.homeDcId, undefined);
      session.user = undefined;
      await this.#save().catch(() => undefined);
    }
    this.#state = 'closing';
    await this.#teardown();
    return error;
  }

  /** The signed-in user, fresh from the server. */
  async getMe(): Promise<User> {
    const users = await this.invoke({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] });
    const me = users[0];
    if (me?._ !== 'user') throw new ClientError('the server did not return the signed-in user');
    return me;
  }

  /** The whole session (home DC, keys, user) as a telets string session: treat it as a password. */
  exportSession(): string {
    if (!this.#session) throw new NotConnectedError();
    return encodeStringSession(this.#session);
  }

  // --- AuthHost ---------------------------------------------------------------------------------

  homeDcId(): number {
    if (!this.#session) throw new NotConnectedError();
    return this.#session.homeDcId;
  }

  async switchHomeDc(dcId: number): Promise<void> {
    const session = this.#session;
    const links = this.#links;
    if (!session || !links) throw new NotConnectedError();
    if (dcId === session.homeDcId) return;
    this.logger.info(`home DC ${session.homeDcId} → ${dcId}`);
    await links.get(dcId);
    session.homeDcId = dcId;
    await this.#save();
  }

  async onSignedIn(user: User): Promise<void> {
    const session = this.#session as Session;
    session.user = { id: user.id, isBot: user.bot === true };
    this.logger.info(`signed in as ${user.bot ? 'bot' : 'user'} ${user.id}`);
    await this.#save();
  }

  async onSignedOut(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    session.user = undefined;
    await this.#save();
  }

  onUpdate(listener: (update: unknown) => void): () => void {
    return this.#events.on('update', listener);
  }

  /** Saves a snapshot; saves run one after another so the last one called is the last to land. */
  #save(): Promise<void> {
    const storage = this.#storage;
    const snapshot = this.#session?.clone();
    if (!storage || !snapshot) return Promise.resolve();
    const next = this.#saving.catch(() => undefined).then(() => storage.save(snapshot));
    this.#saving = next;
    return next;
  }

  // --- sign-in (delegated to @telets/auth) --------------------------------------------------------

  async isAuthorized(): Promise<boolean> {
    return auth.isAuthorized(this.#authHost);
  }

  async requestLoginCode(phone: string): Promise<LoginToken> {
    auth.normalizePhone(phone);
    return auth.requestLoginCode(this.#authHost, phone);
  }

  async signIn(token: LoginToken, code: string): Promise<User | PasswordToken> {
    auth.validateCode(code);
    return auth.signIn(this.#authHost, token, code);
  }

  async checkPassword(token: PasswordToken, password: string): Promise<User> {
    return auth.checkPassword(this.#authHost, token, password);
  }

  async botSignIn(token: string): Promise<User> {
    auth.validateBotToken(token);
    return auth.botSignIn(this.#authHost, token);
  }

  async signOut(): Promise<void> {
    return auth.signOut(this.#authHost);
  }

  async qrLogin(options: QrLoginOptions): Promise<User | PasswordToken> {
    return auth.qrLogin(this.#authHost, options);
  }

  async interactiveLogin(phoneOrBotToken?: string, prompter?: Prompter): Promise<User> {
    const chosen = prompter ?? this.#options.prompter;
    if (chosen) return auth.interactiveLogin(this.#authHost, phoneOrBotToken, chosen);
    return terminalInteractiveLogin(this.#authHost, phoneOrBotToken);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
