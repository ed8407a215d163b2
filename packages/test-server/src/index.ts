// @telets/test-server: a local multi-DC MTProto server emulating Telegram on loopback.

export { type CliIo, runCli } from './cli-main.js';
export { type AppCredentials, DEFAULT_TEST_APP } from './domain/apps.js';
export type { MethodCount } from './domain/counters.js';
export type { FloodLimit } from './domain/flood.js';
export { normalizePhone, testNumberCode, testNumberDc } from './domain/phone.js';
export type { DcAddress } from './domain/world.js';
export { RpcFailure, TestServerConfigError, TestServerError } from './errors.js';
export {
  type ConnectionFaults,
  type DropRule,
  FaultPlan,
  type FloodWaitRule,
  type HandshakeStep,
  type ResponseRule,
} from './faults.js';
export type { RequestLogEntry } from './mtproto/protocol-host.js';
export {
  type AccountInfo,
  type AccountOptions,
  type BotInfo,
  type BotOptions,
  type RequestCounterView,
  startTestServer,
  type TestServer,
  type TestServerOptions,
  type TestServerRsaInfo,
} from './server.js';
export { resolveLayer, SERVED_LAYERS, SERVER_LAYER } from './tl/layers.node.js';
