// `@telets/session-memory/testing`: the SessionStorage conformance suite and sample data.
export {
  type ConformanceApi,
  type ConformanceOptions,
  type ExpectLike,
  type ExpectMatchers,
  runSessionStorageConformance,
  type StorageUnderTest,
  sessionAsPlainData,
} from './conformance.js';
export { sampleAuthKey, sampleSession } from './sample.js';
