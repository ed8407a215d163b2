import type { DcAddress } from '@telets/session-memory';
import { LAYER, type ResultOf } from '@telets/tl-schema';
import type { ConnectionState, DcConnection, DcConnector } from './connector.js';
import type { DcMap } from './dc-map.js';
import type { Logger } from './logger.js';
import type { InitConnectionInfo } from './options.js';

/** One open DC link: the connection, and whether the account's authorisation was imported on it. */
export interface DcLink {
  readonly dcId: number;
  readonly connection: DcConnection;
  /** Set once the account's authorisation is being (or has been) imported on this DC. */
  authorizationImport?: Promise<void>;
  /** The first request on the link (initConnection), which every later one waits for. */
  readonly ready: Promise<void>;
}

export interface DcLinksHooks {
  authKeyOf(dcId: number): Uint8Array | undefined;
  saveAuthKey(dc: DcAddress, authKey: Uint8Array): Promise<void>;
  onUpdate(update: unknown): void;
  onStateChange(dcId: number, state: ConnectionState, reason?: unknown): void;
  /** A help.getConfig answer: the client learns the DC list from it. */
  onConfig(config: ResultOf<{ _: 'help.getConfig' }>): void;
}

/**
 * The client's links, at most one per DC. Opening is deduplicated (two callers asking for the same
 * DC share one handshake), and each link starts with invokeWithLayer(initConnection(...)) so the
 * server knows our layer and app before anything else on it.
 */
export class DcLinks {
  private readonly links = new Map<number, DcLink>();
  private readonly opening = new Map<number, Promise<DcLink>>();

  constructor(
    private readonly connector: DcConnector,
    private readonly dcMap: DcMap,
    private readonly apiId: number,
    private readonly init: InitConnectionInfo,
    private readonly hooks: DcLinksHooks,
    private readonly logger: Logger,
    /** The client's disconnect signal: it aborts links that are still opening. */
    private readonly closing: AbortSignal,
  ) {}

  get(dcId: number): Promise<DcLink> {
    const open = this.links.get(dcId);
    if (open) return Promise.resolve(open);
    const pending = this.opening.get(dcId);
    if (pending) return pending;
    const promise = this.open(dcId).finally(() => this.opening.delete(dcId));
    this.opening.set(dcId, promise);
    // Callers handle the rejection; this keeps a failed open from being reported as unhandled.
    promise.catch(() => undefined);
    return promise;
  }

  /** Whether a link to this DC is open (no I/O). */
  has(dcId: number): boolean {
    return this.links.has(dcId);
  }

  private async open(dcId: number): Promise<DcLink> {
    const dc = this.dcMap.get(dcId);
    const authKey = this.hooks.authKeyOf(dcId);
    this.logger.info(
      `connecting to DC ${dcId} (${dc.ipAddress}:${dc.port})${authKey ? '' : ', creating an auth key'}`,
    );
    const connection = await this.connector({
      dc,
      authKey,
      signal: this.closing,
      onAuthKey: (key) => {
        this.logger.info(`new auth key for DC ${dcId}, saving the session`);
        return this.hooks.saveAuthKey(dc, key);
      },
      onUpdate: (update) => this.hooks.onUpdate(update),
      onStateChange: (state, reason) => this.hooks.onStateChange(dcId, state, reason),
    });
    const initRequest = {
      _: 'invokeWithLayer',
      layer: LAYER,
      query: {
        _: 'initConnection',
        apiId: this.apiId,
        ...this.init,
        query: { _: 'help.getConfig' },
      },
    } as const;
    const ready = connection.invoke(initRequest).then((config) => {
      this.hooks.onConfig(config as ResultOf<{ _: 'help.getConfig' }>);
    });
    ready.catch(() => undefined);
    const link: DcLink = { dcId, connection, ready };
    try {
      await ready;
      if (this.closing.aborted) throw this.closing.reason;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
    this.links.set(dcId, link);
    this.logger.info(`connected to DC ${dcId} (layer ${LAYER})`);
    return link;
  }

  /** Closes one link (after AUTH_KEY_DUPLICATED, or a home switch that leaves it unused). */
  async close(dcId: number): Promise<void> {
    const link = this.links.get(dcId);
    this.links.delete(dcId);
    if (link) await link.connection.close().catch(() => undefined);
  }

  /** Closes everything, including links still opening; never rejects. */
  async closeAll(): Promise<void> {
    const opening = [...this.opening.values()];
    const open = [...this.links.values()];
    this.links.clear();
    await Promise.allSettled(open.map((l) => l.connection.close()));
    const late = await Promise.allSettled(opening);
    for (const r of late) {
      if (r.status === 'fulfilled') await r.value.connection.close().catch(() => undefined);
    }
    this.links.clear();
  }
}
