// The messages.messages case for libraries whose TL objects are plain `{ _: name, ...camelCase }`
// values (telets and mtcute): one builder and one set of accessors, differing only in how ids and
// longs are represented.
import { messagesContent } from './reference.mjs';

/**
 * @param {{ id: (n: number) => unknown, long: (n: bigint) => unknown }} convert
 */
export function plainMessagesMessages({ id, long }) {
  const { messages, users } = messagesContent();
  return {
    _: 'messages.messages',
    topics: [],
    chats: [],
    messages: messages.map((m) => ({
      _: 'message',
      out: m.out || undefined,
      id: m.id,
      fromId: { _: 'peerUser', userId: id(m.fromUserId) },
      peerId: { _: 'peerUser', userId: id(m.peerUserId) },
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
      id: id(u.id),
      accessHash: long(u.accessHash),
      firstName: u.firstName,
      lastName: u.lastName,
      username: u.username,
      phone: u.phone,
      photo: {
        _: 'userProfilePhoto',
        photoId: long(u.photoId),
        strippedThumb: u.strippedThumb,
        dcId: u.dcId,
      },
      status: { _: 'userStatusOffline', wasOnline: u.wasOnline },
      langCode: u.langCode,
    })),
  };
}

export const plainMessagesGetters = {
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
};
