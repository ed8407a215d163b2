import type { CryptoProvider } from '@telets/crypto';
import type { ResultOf, TlByName, TlFunction } from '@telets/tl-schema';

/** Per-request options the client's `invoke` understands. */
export interface InvokeOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** The one way auth reaches the network: the client's `invoke` on the home DC. */
export interface Invoker {
  /**
   * Already follows `*_MIGRATE_X` (switching and saving the home DC) and applies the flood
   * policy, except for auth.sendCode, auth.signIn, auth.checkPassword and
   * auth.importBotAuthorization, which it never retries. Errors are the transport's RpcError
   * (matched structurally, see `rpcErrorOf`).
   */
  invoke<R extends TlFunction>(request: R, options?: InvokeOptions): Promise<ResultOf<R>>;
}

/** Lines auth writes; they never contain a secret. */
export interface AuthLogger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
}

/** What the sign-in flows need from a client. The Client implements it. */
export interface AuthHost extends Invoker {
  readonly apiId: number;
  /** Secret: never logged, never put in an error. */
  readonly apiHash: string;
  readonly crypto: CryptoProvider;
  /** Called after a successful sign-in: the client records the user and saves the session. */
  onSignedIn(user: TlByName['user']): Promise<void>;
  /** Called after signOut, or when the server says the key is no longer authorised. */
  onSignedOut(): Promise<void>;
  /** The current home DC id (a LoginToken records it). */
  homeDcId(): number;
  /** Switch the home DC (QR migration, or finishing a LoginToken created on another DC). */
  switchHomeDc(dcId: number): Promise<void>;
  /** Subscribe to raw updates (QR login waits for updateLoginToken). Returns an unsubscribe fn. */
  onUpdate(listener: (update: unknown) => void): () => void;
  readonly logger?: AuthLogger;
}
