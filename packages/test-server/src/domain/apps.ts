import { rpc, TestServerConfigError } from '../errors.js';

/** An api_id/api_hash pair the server accepts. */
export interface AppCredentials {
  readonly apiId: number;
  readonly apiHash: string;
}

/** The pair the peer scripts and the demo use unless told otherwise. */
export const DEFAULT_TEST_APP: AppCredentials = {
  apiId: 12345,
  apiHash: '0123456789abcdef0123456789abcdef',
};

/** Allowed apps; API_ID_INVALID for the rest, as Telegram answers. */
export class AppRegistry {
  private readonly apps = new Map<number, string>();

  add(app: AppCredentials): void {
    if (!Number.isInteger(app.apiId) || app.apiId <= 0 || app.apiId > 0x7fffffff) {
      throw new TestServerConfigError(`api_id must be a positive int32, got ${app.apiId}`);
    }
    this.apps.set(app.apiId, app.apiHash);
  }

  remove(apiId: number): void {
    this.apps.delete(apiId);
  }

  /** initConnection carries only api_id. */
  checkId(apiId: number): void {
    if (!this.apps.has(apiId)) throw rpc.badRequest('API_ID_INVALID');
  }

  /** auth.sendCode and friends carry both halves. */
  check(apiId: number, apiHash: string): void {
    if (this.apps.get(apiId) !== apiHash) throw rpc.badRequest('API_ID_INVALID');
  }
}
