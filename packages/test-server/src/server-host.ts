import type { CryptoProvider } from '@telets/crypto';
import type { World } from './domain/world.js';
import type { FaultPlan } from './faults.js';
import { ConnectionProtocol } from './mtproto/connection-protocol.js';
import type { ProtocolHost } from './mtproto/protocol-host.js';
import type { RuntimeRegistry } from './mtproto/registry.js';
import type { DcServer } from './net/dc-server.node.js';
import type { ServerRsaKey } from './net/rsa-key.node.js';
import type { TestServerOptions } from './server.js';
import { apiCodec, SERVER_LAYER } from './tl/layers.node.js';
import type { TlObj } from './tl/object.js';

export function makeHost(parts: {
  world: World;
  crypto: CryptoProvider;
  rsaKey: ServerRsaKey;
  faults: FaultPlan;
  runtimes: RuntimeRegistry;
  dcServers: Map<number, DcServer>;
  options: TestServerOptions;
}): ProtocolHost {
  const { options, dcServers } = parts;
  return {
    world: parts.world,
    crypto: parts.crypto,
    rsaKey: parts.rsaKey.privateKey,
    faults: parts.faults,
    runtimes: parts.runtimes,
    isDuplicateKeyRejected: options.rejectDuplicateAuthKeys ?? false,
    isKeyInUseElsewhere(dcId, authKeyId, connection) {
      for (const other of dcServers.get(dcId)?.connections ?? []) {
        if (
          other.protocol !== connection &&
          other.isOpen &&
          other.protocol.authKeyId === authKeyId
        ) {
          return true;
        }
      }
      return false;
    },
    log: (entry) => options.onRequest?.(entry),
    warn: (dcId, message) => options.onWarning?.(dcId, message),
  };
}

/** Delivers updates (updateLoginToken) to every live session of an auth key, in its layer. */
export function pushUpdates(
  host: ProtocolHost,
  dcId: number,
  authKeyId: bigint,
  updates: TlObj,
): void {
  const runtime = host.runtimes.get(dcId, authKeyId);
  if (!runtime) return;
  const body = apiCodec(runtime.record.layer ?? SERVER_LAYER).encode(updates);
  for (const session of runtime.sessions.values()) {
    if (host.runtimes.outletOf(session)) ConnectionProtocol.pushTo(host, runtime, session, body);
  }
}
