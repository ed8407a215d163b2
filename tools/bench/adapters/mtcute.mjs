// mtcute (@mtcute/node + @mtcute/core + @mtcute/wasm), through its exported functions: the Node
// crypto provider its client uses (AES-IGE in @mtcute/wasm), its TL maps and binary runtime.
import { plainMessagesGetters, plainMessagesMessages } from '../lib/plain-tl.mjs';
import { importPeer, peerVersion } from './peer-dir.mjs';

export async function load() {
  const N = await importPeer('@mtcute/node', './utils.js');
  const U = await importPeer('@mtcute/core', './utils.js');
  const Long = (await importPeer('long')).default;
  const c = new N.NodeCryptoProvider();
  await c.initialize();
  return {
    version: peerVersion('@mtcute/node'),
    igeEncrypt: (d, k, iv) => c.createAesIge(k, iv).encrypt(d),
    igeDecrypt: (d, k, iv) => c.createAesIge(k, iv).decrypt(d),
    ctr: (k, iv) => {
      const s = c.createAesCtr(k, iv, true);
      return (d) => s.process(d);
    },
    sha1: (d) => c.sha1(d),
    sha256: (d) => c.sha256(d),
    factorize: (pqBytes) => c.factorizePQ(pqBytes),
    srp: async (input, password) => {
      const r = await U.computeSrpParams(
        c,
        {
          _: 'account.password',
          hasPassword: true,
          currentAlgo: {
            _: 'passwordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow',
            salt1: input.salt1,
            salt2: input.salt2,
            g: input.g,
            p: input.p,
          },
          srpB: input.srpB,
          srpId: Long.fromString(input.srpId.toString()),
          newAlgo: { _: 'passwordKdfAlgoUnknown' },
          newSecureAlgo: { _: 'securePasswordKdfAlgoUnknown' },
          secureRandom: new Uint8Array(0),
        },
        password,
      );
      return { A: r.A, M1: r.M1 };
    },
    // mtcute's RSA_PAD (rsaPad in @mtcute/core/network/authorization.js) is not exported.
    rsaPadKind: null,
    rsaPadMissing: 'RSA_PAD is internal to doAuthorization and not exported by @mtcute/core',
    loadTl: () => loadTl(U),
  };
}

async function loadTl(U) {
  const Long = (await importPeer('long')).default;
  const { TlBinaryReader, TlBinaryWriter, __tlReaderMap, __tlWriterMap } = U;
  const long = (n) => Long.fromString(n.toString());
  const layer = JSON.parse(
    (await import('node:fs')).readFileSync(
      new URL('../peers/node_modules/@mtcute/core/tl/api-schema.json', import.meta.url),
      'utf8',
    ),
  ).l;
  const read = (bytes) => TlBinaryReader.deserializeObject(__tlReaderMap, bytes);
  const write = (obj) => TlBinaryWriter.serializeObject(__tlWriterMap, obj);
  return {
    layer,
    serializeSendCode: (input) =>
      write({
        _: 'auth.sendCode',
        phoneNumber: input.phoneNumber,
        apiId: input.apiId,
        apiHash: input.apiHash,
        settings: { _: 'codeSettings', currentNumber: true, allowAppHash: true },
      }),
    deserializeSentCode: (bytes) => {
      const o = read(bytes);
      return { phoneCodeHash: o.phoneCodeHash, timeout: o.timeout, length: o.type.length };
    },
    buildMessages: () => plainMessagesMessages({ id: (n) => n, long }),
    serialize: write,
    deserialize: read,
    get: plainMessagesGetters,
  };
}
