import { computeSrp } from '@telets/crypto';
import { UnsupportedPasswordAlgorithmError } from './errors.js';
import { toAuthError } from './explain.js';
import type { AuthHost, InvokeOptions } from './host.js';
import { type AccountPassword, PasswordToken } from './password-token.js';
import { rpcErrorOf } from './rpc-error.js';
import { completeSignIn, type User } from './user.js';
import { validatePassword } from './validation.js';

const SRP_ALGO = 'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow';

/** Fetches the account's 2FA parameters (account.getPassword) as a PasswordToken. */
export async function fetchPasswordToken(
  host: AuthHost,
  options: InvokeOptions = {},
): Promise<PasswordToken> {
  return new PasswordToken(await host.invoke({ _: 'account.getPassword' }, options));
}

/**
 * Finishes a 2FA sign-in: computes the SRP proof for `password` and sends auth.checkPassword.
 * On SRP_ID_INVALID (the server's SRP parameters expired) it fetches fresh ones and computes a new
 * proof once; nothing else is retried. A wrong password is a PasswordInvalidError.
 */
export async function checkPassword(
  host: AuthHost,
  token: PasswordToken,
  password: string,
  options: InvokeOptions = {},
): Promise<User> {
  const checked = validatePassword(password);
  let accountPassword = token.accountPassword;
  for (let attempt = 0; ; attempt++) {
    const srp = await computeProof(host, accountPassword, checked);
    try {
      const authorization = await host.invoke(
        {
          _: 'auth.checkPassword',
          password: { _: 'inputCheckPasswordSRP', srpId: srp.srpId, A: srp.A, M1: srp.M1 },
        },
        options,
      );
      return await completeSignIn(host, authorization);
    } catch (e) {
      if (attempt === 0 && rpcErrorOf(e)?.name === 'SRP_ID_INVALID') {
        host.logger?.debug('auth: SRP parameters expired, fetching new ones');
        accountPassword = (await fetchPasswordToken(host, options)).accountPassword;
        continue;
      }
      throw toAuthError(e, 'auth.checkPassword');
    }
  }
}

async function computeProof(
  host: AuthHost,
  accountPassword: AccountPassword,
  password: string,
): Promise<{ srpId: bigint; A: Uint8Array; M1: Uint8Array }> {
  const algo = accountPassword.currentAlgo;
  const { srpB, srpId } = accountPassword;
  if (!algo || srpB === undefined || srpId === undefined) {
    throw new UnsupportedPasswordAlgorithmError(
      'Telegram asked for a password, but the account reports no password parameters.',
    );
  }
  if (algo._ !== SRP_ALGO) {
    throw new UnsupportedPasswordAlgorithmError(
      `This account's password uses ${algo._}, which this version of telets cannot compute; update telets.`,
    );
  }
  return computeSrp(
    host.crypto,
    { g: algo.g, p: algo.p, salt1: algo.salt1, salt2: algo.salt2, srpB, srpId },
    password,
  );
}
