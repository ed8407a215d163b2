// @telets/tl-schema: the TL schema of layer 228 (api.tl + mtproto.tl), its parser, the generated
// typed API with one reader/writer per constructor, and the binary runtime.

export {
  constructorIdOf,
  deserialize,
  is,
  isFunctionName,
  readResult,
  serialize,
} from './api';
export {
  TlDecodeError,
  TlError,
  TlInvalidUtf8Error,
  TlLengthError,
  TlSchemaCrcError,
  TlSchemaError,
  TlTrailingDataError,
  TlTruncatedError,
  TlUnknownConstructorError,
  TlWriteError,
} from './errors';
export { LAYER } from './generated/layer';
export * from './generated/public';
export type {
  Api,
  ResultOf,
  TlByName,
  TlConstructor,
  TlFunction,
  TlGenericFunctionName,
  TlName,
  TlObject,
  TlResults,
} from './generated/types';
export { crc32 } from './parser/crc32';
export type {
  TlDefinition,
  TlFlagCondition,
  TlGenericParam,
  TlParam,
  TlSchema,
  TlTypeRef,
} from './parser/model';
export { normalizeForCrc, parseSchema } from './parser/parse';
export { TlReader } from './reader';
export { DEFAULT_GUNZIP_MAX_BYTES, gunzip, gzip } from './runtime/gzip';
export { TlReaderBase } from './runtime/reader-base';
export { TlWriterBase } from './runtime/writer-base';
export { TlWriter } from './writer';
