export { botSignIn } from './bot-login.js';
export {
  AuthError,
  type AuthErrorOptions,
  AuthInputError,
  CodeExpiredError,
  CodeInvalidError,
  FloodWaitError,
  formatWait,
  InvalidApiHashError,
  InvalidApiIdError,
  InvalidBotTokenError,
  InvalidCodeError,
  InvalidLoginTokenError,
  InvalidPasswordError,
  InvalidPhoneError,
  LoginCancelledError,
  PasswordInvalidError,
  PhoneNumberRejectedError,
  SignUpRequiredError,
  UnexpectedAnswerError,
  UnsupportedPasswordAlgorithmError,
} from './errors.js';
export { explainAuthError, explainRpcName, toAuthError } from './explain.js';
export type { AuthHost, AuthLogger, InvokeOptions, Invoker } from './host.js';
export {
  describeDelivery,
  type InteractiveLoginOptions,
  interactiveLogin,
} from './interactive-login.js';
export {
  LoginToken,
  type LoginTokenFields,
  type NextCodeKind,
  type SentCodeKind,
} from './login-token.js';
export { checkPassword, fetchPasswordToken } from './password.js';
export { type AccountPassword, PasswordToken } from './password-token.js';
export {
  type RequestLoginCodeOptions,
  requestLoginCode,
  resendLoginCode,
  signIn,
} from './phone-login.js';
export type { Prompter } from './prompter.js';
export {
  containsLoginTokenUpdate,
  type QrLoginOptions,
  type QrLoginToken,
  qrLogin,
} from './qr-login.js';
export { isRpcError, type RpcErrorInfo, rpcErrorOf, splitRpcName } from './rpc-error.js';
export { getSignedInUser, isAuthorized, isUnauthorizedError, signOut } from './session-state.js';
export { type Authorization, describeUser, type User } from './user.js';
export {
  looksLikeBotToken,
  normalizePhone,
  validateApiHash,
  validateApiId,
  validateBotToken,
  validateCode,
  validatePassword,
} from './validation.js';
