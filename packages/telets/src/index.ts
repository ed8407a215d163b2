// The common path: everything the sign-in story needs, from one import. Nothing is implemented
// here; each name comes from the package that owns it.

export {
  FloodWaitError,
  LoginToken,
  PasswordToken,
  type Prompter,
  type QrLoginOptions,
  type QrLoginToken,
} from '@telets/auth';
export {
  AuthKeyDuplicatedError,
  Client,
  ClientClosedError,
  type ClientEvents,
  type ClientInvokeOptions,
  type ClientOptions,
  type ConnectionStateEvent,
  type DcConnector,
  LoggedOutError,
  type Logger,
  type LogLevel,
  PRODUCTION_DCS,
  type SessionInput,
  TEST_DCS,
  type TransportKind,
  type User,
} from '@telets/client';
export {
  type DcAddress,
  decodeStringSession,
  encodeStringSession,
  MemorySession,
  Session,
  type SessionStorage,
} from '@telets/session-memory';
export { SqliteSession } from '@telets/session-sqlite';
export { LAYER, type ResultOf, type TlByName, type TlFunction } from '@telets/tl-schema';
export * as errors from './errors.js';
