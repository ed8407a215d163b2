// telets, through its BUILT packages (dist), with the Node crypto provider its client uses.
import { readFileSync } from 'node:fs';
import { messagesContent } from '../lib/reference.mjs';

const pkg = (p) => new URL(`../../../packages/${p}`, import.meta.url);

export async function load() {
  const C = await import(pkg('crypto/dist/index.js').href);
  const { nodeCrypto } = await import(pkg('crypto/dist/node.js').href);
  const version = JSON.parse(readFileSync(pkg('telets/package.json'), 'utf8')).version;
  const c = nodeCrypto;
  return {
    version,
    igeEncrypt: (d, k, iv) => c.aesIgeEncrypt(d, k, iv),
    igeDecrypt: (d, k, iv) => c.aesIgeDecrypt(d, k, iv),
    ctr: (k, iv) => {
      const s = c.createAesCtr(k, iv);
      return (d) => s.update(d);
    },
    sha1: (d) => c.sha1(d),
    sha256: (d) => c.sha256(d),
    factorize: (pqBytes) => {
      const { p, q } = C.factorizePq(pqBytes);
      return [p, q];
    },
    srp: (input, password) => C.computeSrp(c, input, password),
    rsaPadKind: 'rsa_pad',
    makeRsaPad: (key) => {
      const pub = C.parseRsaPublicKey(key.publicPem);
      return (data) => C.rsaPad(c, data, pub);
    },
    loadTl: () => loadTl(),
  };
}

async function loadTl() {
  const T = await import(pkg('tl-schema/dist/index.js').href);
  const { messages, users } = messagesContent();
  return {
    layer: T.LAYER,
    serializeSendCode: (input) =>
      T.serialize({
        _: 'auth.sendCode',
        phoneNumber: input.phoneNumber,
        apiId: input.apiId,
        apiHash: input.apiHash,
        settings: { _: 'codeSettings', currentNumber: true, allowAppHash: true },
      }),
    deserializeSentCode: (bytes) => {
      const o = T.deserialize(bytes);
      return { phoneCodeHash: o.phoneCodeHash, timeout: o.timeout, length: o.type.length };
    },
    buildMessages: () => ({
      _: 'messages.messages',
      topics: [],
      chats: [],
      messages: messages.map((m) => ({
        _: 'message',
        out: m.out || undefined,
        id: m.id,
        fromId: { _: 'peerUser', userId: BigInt(m.fromUserId) },
        peerId: { _: 'peerUser', userId: BigInt(m.peerUserId) },
        date: m.date,
        message: m.message,
        entities: m.entities
          ? [
              { _: 'messageEntityBold', offset: 0, length: 7 },
              { _: 'messageEntityUrl', offset: 20, length: 9 },
            ]
          : undefined,
        replyTo: m.replyToMsgId
          ? { _: 'messageReplyHeader', replyToMsgId: m.replyToMsgId }
          : undefined,
        editDate: m.editDate,
      })),
      users: users.map((u) => ({
        _: 'user',
        contact: u.contact || undefined,
        id: BigInt(u.id),
        accessHash: u.accessHash,
        firstName: u.firstName,
        lastName: u.lastName,
        username: u.username,
        phone: u.phone,
        photo: {
          _: 'userProfilePhoto',
          photoId: u.photoId,
          strippedThumb: u.strippedThumb,
          dcId: u.dcId,
        },
        status: { _: 'userStatusOffline', wasOnline: u.wasOnline },
        langCode: u.langCode,
      })),
    }),
    serialize: (obj) => T.serialize(obj),
    deserialize: (bytes) => T.deserialize(bytes),
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
