import { botSignIn } from './bot-login.js';
import {
  AuthError,
  CodeInvalidError,
  FloodWaitError,
  formatWait,
  InvalidBotTokenError,
  InvalidCodeError,
  InvalidPasswordError,
  InvalidPhoneError,
  LoginCancelledError,
  PasswordInvalidError,
} from './errors.js';
import { explainAuthError } from './explain.js';
import type { AuthHost } from './host.js';
import type { LoginToken } from './login-token.js';
import { checkPassword } from './password.js';
import { PasswordToken } from './password-token.js';
import { requestLoginCode, signIn } from './phone-login.js';
import type { Prompter } from './prompter.js';
import { getSignedInUser } from './session-state.js';
import { describeUser, type User } from './user.js';
import { looksLikeBotToken, normalizePhone, validateBotToken } from './validation.js';

export interface InteractiveLoginOptions {
  /** Tries at the phone-number-or-bot-token question; 3 by default. */
  maxPhoneAttempts?: number;
  /** Tries at the login code; 3 by default. */
  maxCodeAttempts?: number;
  /** Tries at the 2FA password; 3 by default. */
  maxPasswordAttempts?: number;
}

const DEFAULT_ATTEMPTS = 3;

/**
 * Signs in by asking a person: returns at once when the session is already signed in; otherwise
 * asks for a phone number or bot token (unless given), then the code, then the 2FA password
 * (hidden input, hint shown). Wrong answers are explained and asked again up to the limits;
 * FLOOD_WAIT stops with a FloodWaitError after saying how long to wait. The `prompter` is
 * required in this portable entry; '@telets/auth/node' defaults it to the terminal.
 */
export async function interactiveLogin(
  host: AuthHost,
  phoneOrBotToken?: string,
  prompter?: Prompter,
  options: InteractiveLoginOptions = {},
): Promise<User> {
  if (!prompter) {
    // The portable package cannot open a terminal itself.
    throw new AuthError(
      "interactiveLogin needs a Prompter here: use interactiveLogin from '@telets/auth/node' " +
        '(terminal by default) or pass one.',
    );
  }
  const me = await getSignedInUser(host);
  if (me) {
    prompter.say(`Already signed in as ${describeUser(me)}.`);
    return me;
  }
  try {
    const user = await signInByAnswers(host, phoneOrBotToken, prompter, options);
    prompter.say(`Signed in as ${describeUser(user)}.`);
    return user;
  } catch (e) {
    if (e instanceof FloodWaitError) {
      prompter.say(
        `Telegram asks to wait ${formatWait(e.seconds)} before trying again. Stopping here; ` +
          'run the login again after that.',
      );
    } else if (!said.has(e as object)) {
      prompter.say(explainAuthError(e));
    }
    throw e;
  }
}

// Errors already explained to the person inside a retry loop, so the final catch stays quiet.
const said = new WeakSet<object>();

type FirstStep = { kind: 'bot'; botToken: string } | { kind: 'phone'; loginToken: LoginToken };

async function signInByAnswers(
  host: AuthHost,
  given: string | undefined,
  prompter: Prompter,
  options: InteractiveLoginOptions,
): Promise<User> {
  const first = await askUntilValid<FirstStep>(
    prompter,
    options.maxPhoneAttempts ?? DEFAULT_ATTEMPTS,
    given,
    async (answer) => {
      if (answer.includes(':') || looksLikeBotToken(answer)) {
        return { kind: 'bot', botToken: validateBotToken(answer) };
      }
      const phone = normalizePhone(answer);
      return { kind: 'phone', loginToken: await requestLoginCode(host, phone) };
    },
    'Phone number (with country code) or bot token: ',
    (e) => e instanceof InvalidPhoneError || e instanceof InvalidBotTokenError,
  );
  if (first.kind === 'bot') return botSignIn(host, first.botToken);
  const { loginToken } = first;
  prompter.say(describeDelivery(loginToken));
  const afterCode = await askUntilValid(
    prompter,
    options.maxCodeAttempts ?? DEFAULT_ATTEMPTS,
    undefined,
    (code) => signIn(host, loginToken, code),
    'Login code: ',
    (e) => e instanceof CodeInvalidError || e instanceof InvalidCodeError,
  );
  if (!(afterCode instanceof PasswordToken)) return afterCode;
  prompter.say(
    'This account has two-step verification.' +
      (afterCode.hint ? ` Password hint: ${afterCode.hint}` : ''),
  );
  return askUntilValid(
    prompter,
    options.maxPasswordAttempts ?? DEFAULT_ATTEMPTS,
    undefined,
    (password) => checkPassword(host, afterCode, password),
    'Password: ',
    (e) => e instanceof PasswordInvalidError || e instanceof InvalidPasswordError,
    true,
  );
}

/**
 * Asks up to `maxAttempts` times, running `use` on each answer; errors accepted by `isRetryable`
 * are explained and asked again, the rest end the login. A value given up front is used once and
 * not asked again when it is wrong.
 */
async function askUntilValid<T>(
  prompter: Prompter,
  maxAttempts: number,
  given: string | undefined,
  use: (answer: string) => Promise<T>,
  question: string,
  isRetryable: (e: unknown) => boolean,
  isSecret = false,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const answer =
      attempt === 1 && given !== undefined ? given : await ask(prompter, question, isSecret);
    try {
      return await use(answer);
    } catch (e) {
      if (!isRetryable(e) || given !== undefined || attempt >= maxAttempts) {
        if (isRetryable(e) && attempt >= maxAttempts && given === undefined) {
          prompter.say(`${explainAuthError(e)} That was the last of ${maxAttempts} attempts.`);
          said.add(e as object);
        }
        throw e;
      }
      const left = maxAttempts - attempt;
      prompter.say(`${explainAuthError(e)} ${left} attempt${left === 1 ? '' : 's'} left.`);
    }
  }
}

async function ask(prompter: Prompter, question: string, isSecret: boolean): Promise<string> {
  try {
    return await prompter.ask(question, isSecret ? { secret: true } : undefined);
  } catch (e) {
    if (e instanceof AuthError) throw e;
    throw new LoginCancelledError('The login was cancelled (no answer).', { cause: e });
  }
}

/** "The login code was sent by SMS. It has 6 characters." */
export function describeDelivery(token: LoginToken): string {
  const where: Record<string, string> = {
    app: 'to your Telegram app (in the chat with "Telegram")',
    sms: 'by SMS',
    call: 'by a phone call',
    flashCall: 'as a flash call (the code is in the calling number)',
    missedCall: 'as a missed call (the code is the end of the calling number)',
    email: 'to your login email',
    fragment: 'through fragment.com',
    firebaseSms: 'by SMS',
    smsWord: 'by SMS (a word)',
    smsPhrase: 'by SMS (a phrase)',
  };
  const how = where[token.type] ?? 'through a channel this version does not know';
  const length = token.codeLength ? ` It has ${token.codeLength} characters.` : '';
  return `The login code was sent ${how}.${length}`;
}
