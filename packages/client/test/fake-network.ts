// A scripted stand-in for the transport: each DC answers through a handler, every request is
// recorded with its DC, and handshakes produce deterministic 256-byte keys.
import type { DcConnection, DcConnector, DcConnectParams } from '../src/index.js';

export interface RecordedCall {
  dcId: number;
  /** The `_` of the request, with invokeWithLayer/initConnection unwrapped. */
  name: string;
  request: Record<string, unknown>;
  /** True when the request arrived wrapped in invokeWithLayer(initConnection(...)). */
  wasWrapped: boolean;
}

export type Handler = (dcId: number, request: Record<string, unknown>) => unknown;

export class FakeRpcError extends Error {
  readonly value: number | undefined;
  constructor(
    readonly code: number,
    readonly rawMessage: string,
    readonly request: string,
  ) {
    super(`${code} ${rawMessage} (caused by ${request})`);
    const m = /_(\d+)$/.exec(rawMessage);
    this.name = m ? rawMessage.slice(0, m.index) : rawMessage;
    this.value = m ? Number(m[1]) : undefined;
  }
}

export const CONFIG = {
  _: 'config',
  date: 0,
  expires: 0,
  testMode: false,
  thisDc: 2,
  dcOptions: [],
};

export class FakeNetwork {
  readonly calls: RecordedCall[] = [];
  readonly opened: number[] = [];
  readonly closed: number[] = [];
  readonly keysMade: number[] = [];
  readonly pending = new Set<(error: Error) => void>();
  handler: Handler = (_dc, req) => {
    throw new FakeRpcError(400, 'METHOD_NOT_SCRIPTED', String(req._));
  };

  readonly connector: DcConnector = async (params: DcConnectParams): Promise<DcConnection> => {
    const dcId = params.dc.id;
    this.opened.push(dcId);
    if (!params.authKey) {
      this.keysMade.push(dcId);
      await params.onAuthKey(new Uint8Array(256).fill(dcId));
    }
    params.onStateChange('connected');
    let isClosed = false;
    return {
      invoke: async (request) => {
        if (isClosed) throw new Error('closed');
        let inner = request as unknown as Record<string, unknown>;
        let wasWrapped = false;
        if (inner._ === 'invokeWithLayer') {
          wasWrapped = true;
          inner = (inner.query as Record<string, unknown>).query as Record<string, unknown>;
        }
        const name = String(inner._);
        this.calls.push({ dcId, name, request: inner, wasWrapped });
        if (name === 'help.getConfig') return CONFIG as never;
        return new Promise((resolve, reject) => {
          const fail = (error: Error): void => {
            this.pending.delete(fail);
            reject(error);
          };
          this.pending.add(fail);
          Promise.resolve()
            .then(() => this.handler(dcId, inner))
            .then(
              (value) => {
                this.pending.delete(fail);
                resolve(value as never);
              },
              (error) => fail(error as Error),
            );
        });
      },
      close: async () => {
        isClosed = true;
        this.closed.push(dcId);
        for (const fail of [...this.pending]) fail(new Error('sender closed'));
      },
    };
  };

  namesOn(dcId: number): string[] {
    return this.calls.filter((c) => c.dcId === dcId).map((c) => c.name);
  }

  count(name: string): number {
    return this.calls.filter((c) => c.name === name).length;
  }
}

export const API_ID = 12345;
export const API_HASH = '0123456789abcdef0123456789abcdef';
export const DCS = [
  { id: 1, ipAddress: '127.0.0.1', port: 10001 },
  { id: 2, ipAddress: '127.0.0.1', port: 10002 },
  { id: 3, ipAddress: '127.0.0.1', port: 10003 },
];
