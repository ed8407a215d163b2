export { Client, type ClientInvokeOptions, type User } from './client.js';
export type {
  ConnectionState,
  DcConnection,
  DcConnector,
  DcConnectParams,
  InvokeOptions,
} from './connector.js';
export { DcMap, DEFAULT_DC_ID, PRODUCTION_DCS, TEST_DCS } from './dc-map.js';
export {
  AuthKeyDuplicatedError,
  ClientClosedError,
  ClientError,
  InvalidOptionError,
  InvalidSessionArgumentError,
  LoggedOutError,
  NotConnectedError,
  UnknownDcError,
} from './errors.js';
export type { ClientEvents, ConnectionStateEvent } from './events.js';
export { consoleLogger, type Logger, type LogLevel } from './logger.js';
export type { ClientOptions, InitConnectionInfo, TransportKind } from './options.js';
export { NEVER_RETRIED } from './rpc-errors.js';
export type { Scheduler } from './scheduler.js';
export { looksLikeStringSession, type SessionInput } from './session-source.js';
