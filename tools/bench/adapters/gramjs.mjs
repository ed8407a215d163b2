// GramJS (npm `telegram`), through its installed modules: the functions its own client calls.
import { messagesContent } from '../lib/reference.mjs';
import { peerRequire, peerVersion } from './peer-dir.mjs';

export async function load() {
  const { IGE } = peerRequire('telegram/crypto/IGE');
  const { CTR } = peerRequire('telegram/crypto/CTR');
  const { Factorizator } = peerRequire('telegram/crypto/Factorizator');
  const Helpers = peerRequire('telegram/Helpers');
  const RSA = peerRequire('telegram/crypto/RSA');
  const { computeCheck } = peerRequire('telegram/Password');
  const { Api } = peerRequire('telegram/tl');
  const bigInt = peerRequire('big-integer');
  return {
    version: peerVersion('telegram'),
    igeEncrypt: (d, k, iv) =>
      new IGE(Buffer.from(k), Buffer.from(iv)).encryptIge(
        Buffer.from(d.buffer, d.byteOffset, d.length),
      ),
    igeDecrypt: (d, k, iv) =>
      new IGE(Buffer.from(k), Buffer.from(iv)).decryptIge(
        Buffer.from(d.buffer, d.byteOffset, d.length),
      ),
    ctr: (k, iv) => {
      const s = new CTR(Buffer.from(k), Buffer.from(iv));
      return (d) => s.encrypt(d);
    },
    sha1: (d) => Helpers.sha1(d),
    sha256: (d) => Helpers.sha256(d),
    // As its Authenticator does: pq bytes -> big-integer -> Factorizator.
    factorize: (pqBytes) => {
      const { p, q } = Factorizator.factorize(
        Helpers.readBigIntFromBuffer(Buffer.from(pqBytes), false, true),
      );
      return [p, q];
    },
    factorToBig: (x) => BigInt(x.toString()),
    srp: async (input, password) => {
      const request = new Api.account.Password({
        hasPassword: true,
        currentAlgo: new Api.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow({
          salt1: Buffer.from(input.salt1),
          salt2: Buffer.from(input.salt2),
          g: input.g,
          p: Buffer.from(input.p),
        }),
        srp_B: Buffer.from(input.srpB),
        srpId: bigInt(input.srpId.toString()),
        newAlgo: new Api.PasswordKdfAlgoUnknown(),
        newSecureAlgo: new Api.SecurePasswordKdfAlgoUnknown(),
        secureRandom: Buffer.alloc(0),
      });
      const r = await computeCheck(request, password);
      return { A: r.A, M1: r.M1 };
    },
    // GramJS still encrypts p_q_inner_data with the pre-2021 scheme (SHA1 + data + random, then RSA).
    rsaPadKind: 'old',
    makeRsaPad: (key) => {
      RSA._serverKeys.set(key.fingerprint.toString(), {
        n: bigInt(Buffer.from(key.n).toString('hex'), 16),
        e: Number(BigInt(`0x${Buffer.from(key.e).toString('hex')}`)),
      });
      const fp = bigInt(key.fingerprint.toString());
      return (data) => RSA.encrypt(fp, Buffer.from(data));
    },
    loadTl: () => loadTl(Api, bigInt),
  };
}

async function loadTl(Api, bigInt) {
  const { BinaryReader } = peerRequire('telegram/extensions');
  const { LAYER } = peerRequire('telegram/tl/AllTLObjects');
  const { messages, users } = messagesContent();
  const big = (n) => bigInt(n.toString());
  const read = (bytes) =>
    new BinaryReader(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)).tgReadObject();
  return {
    layer: LAYER,
    serializeSendCode: (input) =>
      new Api.auth.SendCode({
        phoneNumber: input.phoneNumber,
        apiId: input.apiId,
        apiHash: input.apiHash,
        settings: new Api.CodeSettings({ currentNumber: true, allowAppHash: true }),
      }).getBytes(),
    deserializeSentCode: (bytes) => {
      const o = read(bytes);
      return { phoneCodeHash: o.phoneCodeHash, timeout: o.timeout, length: o.type.length };
    },
    buildMessages: () =>
      new Api.messages.Messages({
        chats: [],
        messages: messages.map(
          (m) =>
            new Api.Message({
              out: m.out || undefined,
              id: m.id,
              fromId: new Api.PeerUser({ userId: big(m.fromUserId) }),
              peerId: new Api.PeerUser({ userId: big(m.peerUserId) }),
              date: m.date,
              message: m.message,
              entities: m.entities
                ? [
                    new Api.MessageEntityBold({ offset: 0, length: 7 }),
                    new Api.MessageEntityUrl({ offset: 20, length: 9 }),
                  ]
                : undefined,
              replyTo: m.replyToMsgId
                ? new Api.MessageReplyHeader({ replyToMsgId: m.replyToMsgId })
                : undefined,
              editDate: m.editDate,
            }),
        ),
        users: users.map(
          (u) =>
            new Api.User({
              contact: u.contact || undefined,
              id: big(u.id),
              accessHash: big(u.accessHash),
              firstName: u.firstName,
              lastName: u.lastName,
              username: u.username,
              phone: u.phone,
              photo: new Api.UserProfilePhoto({
                photoId: big(u.photoId),
                strippedThumb: Buffer.from(u.strippedThumb),
                dcId: u.dcId,
              }),
              status: new Api.UserStatusOffline({ wasOnline: u.wasOnline }),
              langCode: u.langCode,
            }),
        ),
      }),
    serialize: (obj) => obj.getBytes(),
    deserialize: read,
    get: {
      messages: (o) => o.messages,
      users: (o) => o.users,
      text: (m) => m.message,
      msgId: (m) => m.id,
      fromUserId: (m) => m.fromId.userId,
      replyTo: (m) => m.replyTo?.replyToMsgId,
      entityCount: (m) => m.entities?.length ?? 0,
      firstName: (u) => u.firstName,
      accessHash: (u) => u.accessHash,
      thumb: (u) => u.photo.strippedThumb,
    },
  };
}
