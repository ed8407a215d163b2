import type { AuthHost, InvokeOptions } from '@telets/auth';
import type { TlFunction } from '@telets/tl-schema';

export type AuthHostParts = Omit<AuthHost, 'invoke' | 'apiHash'> & {
  apiHash(): string;
  invoke(request: TlFunction, options?: InvokeOptions): Promise<unknown>;
};

/**
 * The view of a Client that @telets/auth's flows get. It is assembled from parts rather than
 * by passing the Client itself, because checking one generic `invoke` against another makes the
 * compiler expand the result type of every method of the layer.
 */
export function createAuthHost(parts: AuthHostParts): AuthHost {
  const { apiHash, invoke, ...rest } = parts;
  return {
    ...rest,
    get apiHash() {
      return apiHash();
    },
    invoke: invoke as unknown as AuthHost['invoke'],
  };
}
