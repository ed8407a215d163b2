// The server side of 2FA for tests, built on @telets/crypto's server-side SRP helpers, so a wrong
// password really fails and a right one really passes.
import {
  type CryptoProvider,
  srpServerB,
  srpVerifier,
  srpVerifyClient,
  TELEGRAM_DH_PRIME,
} from '@telets/crypto';
import type { TlByName } from '@telets/tl-schema';
import { FakeRpcError } from './fake-host.js';

const G = 3;

export class SrpAccount {
  private readonly salt1: Uint8Array;
  private readonly salt2 = new Uint8Array(16).fill(0x22);
  private verifier: Uint8Array | undefined;
  private readonly secrets = new Map<bigint, Uint8Array>();
  private nextSrpId = 1000n;
  /** How many proofs were checked, right or wrong. */
  checks = 0;

  constructor(
    private readonly crypto: CryptoProvider,
    private readonly password: string,
    private readonly hint?: string,
  ) {
    // Telegram's salt1 is the server part (8 bytes here) plus 32 random bytes added by the client.
    this.salt1 = new Uint8Array(40).fill(0x11);
  }

  private get params(): { g: number; p: Uint8Array; salt1: Uint8Array; salt2: Uint8Array } {
    return { g: G, p: TELEGRAM_DH_PRIME, salt1: this.salt1, salt2: this.salt2 };
  }

  /** account.getPassword: a fresh srp_id and srp_B each time. */
  async getPassword(): Promise<TlByName['account.password']> {
    this.verifier ??= await srpVerifier(this.crypto, this.params, this.password);
    const b = this.crypto.randomBytes(256);
    const srpId = this.nextSrpId++;
    this.secrets.set(srpId, b);
    return {
      _: 'account.password',
      hasPassword: true,
      hasRecovery: false,
      ...(this.hint ? { hint: this.hint } : {}),
      currentAlgo: {
        _: 'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow',
        ...this.params,
      },
      srpB: srpServerB(this.crypto, this.params, this.verifier, b),
      srpId,
      newAlgo: { _: 'passwordKdfAlgoUnknown' },
      newSecureAlgo: { _: 'securePasswordKdfAlgoUnknown' },
      secureRandom: new Uint8Array(32),
    } as TlByName['account.password'];
  }

  /** Forgets every issued srp_id (what the server does when they expire). */
  expireSrpIds(): void {
    this.secrets.clear();
  }

  /** auth.checkPassword's verdict: true, or throws the RPC error Telegram would. */
  check(request: { password: unknown }): boolean {
    const input = request.password as { _: string; srpId: bigint; A: Uint8Array; M1: Uint8Array };
    const b = this.secrets.get(input.srpId);
    if (!b || !this.verifier) throw new FakeRpcError(400, 'SRP_ID_INVALID', 'auth.checkPassword');
    this.checks++;
    const key = srpVerifyClient(this.crypto, this.params, this.verifier, b, input);
    if (!key) throw new FakeRpcError(400, 'PASSWORD_HASH_INVALID', 'auth.checkPassword');
    return true;
  }
}
