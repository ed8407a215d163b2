// Types for the parts of reference.mjs the harness tests use.
export function detBytes(n: number, seed?: number): Uint8Array;
export function igeEncryptRef(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array;
export function igeDecryptRef(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array;
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean;
export function bytesToBig(b: Uint8Array): bigint;
export function bigToBytes(n: bigint, len?: number): Uint8Array;
export function semiprimes(count: number): bigint[];
export function checkFactors(pq: bigint, p: bigint, q: bigint): boolean;
export const SEND_CODE_BYTES: Uint8Array;
export const SENT_CODE_BYTES: Uint8Array;
export interface NeutralMessage {
  out: boolean;
  id: number;
  fromUserId: number;
  peerUserId: number;
  date: number;
  message: string;
  entities: boolean;
  replyToMsgId?: number;
  editDate?: number;
}
export interface NeutralUser {
  id: number;
  accessHash: bigint;
  firstName: string;
  strippedThumb: Uint8Array;
}
export function messagesContent(): { messages: NeutralMessage[]; users: NeutralUser[] };
export function checkMessages<D, M, U>(
  decoded: D,
  get: {
    messages(d: D): M[];
    users(d: D): U[];
    text(m: M): string;
    msgId(m: M): number;
    fromUserId(m: M): unknown;
    replyTo(m: M): number | undefined;
    entityCount(m: M): number;
    firstName(u: U): string;
    accessHash(u: U): unknown;
    thumb(u: U): Uint8Array;
  },
): string | null;
