export {
  SessionClosedError,
  SessionError,
  type SessionFormat,
  SessionFormatError,
  SessionValidationError,
} from './errors.js';
export {
  detectStringSessionFormat,
  exportGramjsStringSession,
  exportTelethonStringSession,
  type ImportOptions,
  importGramjsStringSession,
  importStringSession,
  importTelethonStringSession,
  type StringSessionFormat,
} from './foreign-string-session.js';
export { MemorySession } from './memory-session.js';
export {
  AUTH_KEY_BYTES,
  type DcAddress,
  type DcSession,
  Session,
  type SessionInit,
  type SessionUser,
  type UpdateState,
} from './session.js';
export { deserializeSession, SESSION_BLOB_VERSION, serializeSession } from './session-codec.js';
export type { SessionStorage } from './storage.js';
export {
  decodeStringSession,
  encodeStringSession,
  STRING_SESSION_PREFIX,
} from './string-session.js';
