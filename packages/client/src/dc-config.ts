import { type RsaPublicKey, TELEGRAM_RSA_KEYS, TELEGRAM_TEST_RSA_KEYS } from '@telets/crypto';
import type { DcAddress } from '@telets/session-memory';
import type { TlByName } from '@telets/tl-schema';
import { type DcMap, DEFAULT_DC_ID, PRODUCTION_DCS, TEST_DCS } from './dc-map.js';
import type { ClientOptions } from './options.js';

export function configuredDcs(options: ClientOptions): readonly DcAddress[] {
  return options.dcs ?? (options.testMode ? TEST_DCS : PRODUCTION_DCS);
}

export function configuredRsaKeys(options: ClientOptions): readonly RsaPublicKey[] {
  return options.rsaKeys ?? (options.testMode ? TELEGRAM_TEST_RSA_KEYS : TELEGRAM_RSA_KEYS);
}

/** DC 2 when it is among the configured DCs (Telegram's default), otherwise the lowest id. */
export function defaultHomeDcId(dcs: readonly DcAddress[]): number {
  if (dcs.some((dc) => dc.id === DEFAULT_DC_ID)) return DEFAULT_DC_ID;
  return Math.min(...dcs.map((dc) => dc.id));
}

/**
 * Learns DCs from help.getConfig that the client had no address for (plain IPv4 ones only: media,
 * CDN and IPv6-only entries are for other purposes).
 */
export function learnFromConfig(dcMap: DcMap | undefined, config: TlByName['config']): void {
  if (!dcMap || config?._ !== 'config') return;
  for (const option of config.dcOptions) {
    if (option.ipv6 || option.mediaOnly || option.cdn || option.tcpoOnly) continue;
    dcMap.learn({ id: option.id, ipAddress: option.ipAddress, port: option.port });
  }
}
