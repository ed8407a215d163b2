import type { DcAddress } from '@telets/session-memory';
import { UnknownDcError } from './errors.js';

/** Telegram's production data centres (IPv4, port 443), as every official client ships them. */
export const PRODUCTION_DCS: readonly DcAddress[] = Object.freeze([
  { id: 1, ipAddress: '149.154.175.53', port: 443 },
  { id: 2, ipAddress: '149.154.167.51', port: 443 },
  { id: 3, ipAddress: '149.154.175.100', port: 443 },
  { id: 4, ipAddress: '149.154.167.91', port: 443 },
  { id: 5, ipAddress: '91.108.56.130', port: 443 },
]);

/** Telegram's test data centres (accounts there are separate from production ones). */
export const TEST_DCS: readonly DcAddress[] = Object.freeze([
  { id: 1, ipAddress: '149.154.175.10', port: 443, isTest: true },
  { id: 2, ipAddress: '149.154.167.40', port: 443, isTest: true },
  { id: 3, ipAddress: '149.154.175.117', port: 443, isTest: true },
]);

/** New sessions start on DC 2 in production, as Telegram's own apps do. */
export const DEFAULT_DC_ID = 2;

/**
 * The addresses the client may connect to. Explicit options win over what a session remembers,
 * because a session written against one server (a local test server on ephemeral ports) must not
 * override where the caller says the DCs are now.
 */
export class DcMap {
  private readonly byId = new Map<number, DcAddress>();

  constructor(configured: readonly DcAddress[], remembered: readonly DcAddress[] = []) {
    for (const dc of remembered) this.byId.set(dc.id, { ...dc });
    for (const dc of configured) this.byId.set(dc.id, { ...dc });
  }

  get(dcId: number): DcAddress {
    const dc = this.byId.get(dcId);
    if (!dc) throw new UnknownDcError(dcId);
    return dc;
  }

  has(dcId: number): boolean {
    return this.byId.has(dcId);
  }

  /** Learns a DC the server told us about (help.getConfig), without overriding a known one. */
  learn(dc: DcAddress): void {
    if (!this.byId.has(dc.id)) this.byId.set(dc.id, { ...dc });
  }

  ids(): number[] {
    return [...this.byId.keys()].sort((a, b) => a - b);
  }
}
