import {
  type CryptoProvider,
  SrpParamsError,
  srpServerB,
  srpVerifier,
  srpVerifyClient,
} from '@telets/crypto';
import type { SrpServerMath } from './passwords.js';

/** The real SRP server maths, from @telets/crypto's server-side helpers. */
export function cryptoSrp(c: CryptoProvider): SrpServerMath {
  return {
    verifier: (password, salt1, salt2, g, p) => srpVerifier(c, { g, p, salt1, salt2 }, password),
    publicB: (record, b) => srpServerB(c, record, record.verifier, b),
    isProofValid(record, b, _B, A, M1) {
      try {
        return srpVerifyClient(c, record, record.verifier, b, { A, M1 }) !== undefined;
      } catch (error) {
        // A = 0 mod p and friends: a forged proof, not a server failure.
        if (error instanceof SrpParamsError) return false;
        throw error;
      }
    },
  };
}
