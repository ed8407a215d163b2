import type { TlByName } from '@telets/tl-schema';

/** The account's 2FA parameters (account.password), as returned by account.getPassword. */
export type AccountPassword = TlByName['account.password'];

/**
 * The answer to "sign in" when the account has two-step verification: a value, not an exception.
 * Pass it to `checkPassword` with the password. It holds the server's SRP parameters (public
 * values, no secret), which `checkPassword` refreshes itself when they expire.
 */
export class PasswordToken {
  readonly accountPassword: AccountPassword;

  constructor(accountPassword: AccountPassword) {
    this.accountPassword = accountPassword;
  }

  /** The hint the user set for the password, if any. */
  get hint(): string | undefined {
    return this.accountPassword.hint || undefined;
  }

  /** True when a recovery email is set (the password can be reset by email). */
  get hasRecovery(): boolean {
    return this.accountPassword.hasRecovery === true;
  }

  /** The pattern of a recovery email still waiting for confirmation, e.g. "a***@example.com". */
  get emailUnconfirmedPattern(): string | undefined {
    return this.accountPassword.emailUnconfirmedPattern || undefined;
  }
}
