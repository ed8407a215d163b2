import { createAbridgedCodec } from './abridged';
import type { CreateAesCtr, FrameCodec, RandomBytes, TransportKind } from './codec';
import { TransportError } from './errors';
import { createFullCodec } from './full';
import { createIntermediateCodec, createPaddedIntermediateCodec } from './intermediate';
import { createObfuscatedCodec } from './obfuscated';

export interface ClientCodecOptions {
  readonly kind: TransportKind;
  /** Wrap the framing in the obfuscated transport (not for `full`). */
  readonly isObfuscated?: boolean;
  /** Required when obfuscated. */
  readonly createAesCtr?: CreateAesCtr;
  /** Required when obfuscated or padded. */
  readonly randomBytes?: RandomBytes;
  /** Obfuscated only: DC id for the init header (negative for test DCs). */
  readonly dcId?: number;
  readonly maxPacketBytes?: number;
}

/** Creates the client-role codec for a transport kind, obfuscated or not. */
export function createClientCodec(options: ClientCodecOptions): FrameCodec {
  const { kind, randomBytes, createAesCtr, maxPacketBytes } = options;
  if (options.isObfuscated) {
    if (kind === 'full') throw new TransportError('the full transport cannot be obfuscated');
    if (!createAesCtr || !randomBytes) {
      throw new TransportError('the obfuscated transport needs createAesCtr and randomBytes');
    }
    return createObfuscatedCodec({
      kind,
      randomBytes,
      createAesCtr,
      dcId: options.dcId,
      maxPacketBytes,
    });
  }
  switch (kind) {
    case 'abridged':
      return createAbridgedCodec({ maxPacketBytes });
    case 'intermediate':
      return createIntermediateCodec({ maxPacketBytes });
    case 'full':
      return createFullCodec({ maxPacketBytes });
    case 'padded':
      if (!randomBytes) throw new TransportError('padded intermediate needs randomBytes');
      return createPaddedIntermediateCodec({ maxPacketBytes, randomBytes });
    default:
      throw new TransportError(`unknown transport kind ${String(kind)}`);
  }
}
