// ---- Connections (src/connection) ----
export {
  type ByteStream,
  type Connection,
  FramedConnection,
  type FramedConnectionOptions,
  type OpenByteStream,
  type Unsubscribe,
} from './connection/connection';
export { ConnectionClosedError, ConnectTimeoutError } from './connection/errors';
export {
  connectTcp,
  createTcpConnection,
  openTcpStream,
  socketByteStream,
  type TcpConnectionOptions,
} from './connection/tcp.node.js';

// ---- Framing codecs (src/framing) ----
export { ABRIDGED_TAG, createAbridgedCodec } from './framing/abridged';
export type {
  AesCtr,
  CodecOptions,
  CodecRole,
  ConnectionCodec,
  CreateAesCtr,
  EncodeOptions,
  Frame,
  FrameCodec,
  RandomBytes,
  TransportKind,
} from './framing/codec';
export { DEFAULT_MAX_PACKET_BYTES } from './framing/codec';
export { crc32 } from './framing/crc32';
export { type ClientCodecOptions, createClientCodec } from './framing/create-codec';
export {
  createServerCodec,
  type DetectedTransport,
  detectTransport,
  type ServerCodecOptions,
  type ServerFrameCodec,
  type TransportDetection,
} from './framing/detect';
export {
  BadCrcError,
  BadHeaderError,
  BadSequenceError,
  describeTransportCode,
  FrameTooLargeError,
  TransportCodeError,
  TransportError,
} from './framing/errors';
export { createFullCodec } from './framing/full';
export {
  createIntermediateCodec,
  createPaddedIntermediateCodec,
  INTERMEDIATE_TAG,
  PADDED_INTERMEDIATE_TAG,
  type PaddedCodecOptions,
} from './framing/intermediate';
export {
  acceptObfuscationHeader,
  createObfuscatedCodec,
  isForbiddenObfuscationHeader,
  OBFUSCATION_HEADER_BYTES,
  type ObfuscatedCodecOptions,
  type ObfuscationCrypto,
  type ObfuscationHeaderInfo,
  readObfuscationHeader,
  transportKindOfTag,
} from './framing/obfuscated';
export { type BadMsgRemedy, badMsgRemedy, describeBadMsgCode } from './mtproto/bad-msg';
// ---- sans-IO MTProto layer (src/mtproto) ----
export {
  ClientSession,
  type ClientSessionOptions,
  type OutgoingPacket,
  type OutgoingRequest,
  type SessionEvent,
} from './mtproto/client-session';
export {
  EncryptedCodec,
  type EncryptedCodecOptions,
  type Envelope,
  type Role,
} from './mtproto/encrypted-codec';
export {
  BadMessageError,
  ConnectionStalledError,
  HandshakeError,
  MtprotoError,
  parseRpcErrorMessage,
  RequestAbortedError,
  RequestTimeoutError,
  RpcError,
  SecurityError,
  SenderClosedError,
} from './mtproto/errors';
export {
  ClientHandshake,
  type ClientHandshakeOptions,
  type HandshakeResult,
  type HandshakeStep,
} from './mtproto/handshake-client';
export {
  isProbablePrime,
  type RsaPrivateKey,
  randomPq,
  ServerHandshake,
  type ServerHandshakeOptions,
  type ServerHandshakeReply,
  type ServerHandshakeResult,
} from './mtproto/handshake-server';
export {
  decryptWithHash,
  encryptWithHash,
  newNonceFailHash,
  serverSaltFromNonces,
} from './mtproto/handshake-shared';
export {
  type ClientDhInnerData,
  type DhGen,
  decodeClientDhInnerData,
  decodeDhGen,
  decodePqInnerData,
  decodeReqDhParams,
  decodeReqPq,
  decodeResPq,
  decodeServerDhInnerData,
  decodeServerDhParams,
  decodeSetClientDhParams,
  encodeClientDhInnerData,
  encodeDhGen,
  encodePqInnerData,
  encodeReqDhParams,
  encodeReqPqMulti,
  encodeResPq,
  encodeServerDhInnerData,
  encodeServerDhParams,
  encodeSetClientDhParams,
  HANDSHAKE_IDS,
  handshakeIdOf,
  type PqInnerData,
  type ReqDhParams,
  type ResPq,
  type ServerDhInnerData,
  type ServerDhParams,
  type SetClientDhParams,
} from './mtproto/handshake-tl';
export {
  decodeContainer,
  decodeRpcResult,
  encodeContainer,
  encodeGzipPacked,
  encodeMsgIdVectorMessage,
  encodeMsgsStateInfo,
  encodeRpcResult,
  ID as MTPROTO_IDS,
  type InnerMessage,
  MAX_CONTAINER_BYTES,
  MAX_CONTAINER_MESSAGES,
  maybeGzip,
  peekConstructorId,
  SERVICE_MESSAGE_IDS,
  unwrapGzip,
} from './mtproto/message-codec';
export {
  MsgIdGenerator,
  type MsgIdGeneratorOptions,
  type MsgIdKind,
  msgIdSeconds,
} from './mtproto/msg-id';
export {
  DEFAULT_MSG_ID_WINDOW,
  MAX_FUTURE_SECONDS,
  MAX_PAST_SECONDS,
  type MsgIdVerdict,
  MsgIdWindow,
} from './mtproto/msg-id-window';
export {
  decodePlainMessage,
  encodePlainMessage,
  isPlainPacket,
  PLAIN_HEADER_BYTES,
} from './mtproto/plain-message';
export { type FutureSalt, SaltStore } from './mtproto/salts';
export { isContentRelatedSeqNo, SeqNoCounter } from './mtproto/seq-no';
export {
  type ServerIncoming,
  ServerSession,
  type ServerSessionOptions,
} from './mtproto/server-session';

// ---- Sender (src/sender) ----
export {
  type BackoffOptions,
  backoffDelayMs,
  DEFAULT_BACKOFF,
  ReconnectPolicy,
} from './sender/backoff';
export { realScheduler, type Scheduler, TimerSet } from './sender/scheduler';
export { Sender } from './sender/sender';
export type {
  InvokeOptions,
  SenderConnection,
  SenderEvents,
  SenderOptions,
  SenderState,
} from './sender/sender-options';
