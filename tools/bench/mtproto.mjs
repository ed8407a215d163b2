// Benchmarks the sans-IO MTProto layer of @telets/transport (built dist): MTProto 2.0 messages
// of 1 KiB encrypted by one role and decrypted (with every security check) by the other, and
// whole request/answer round trips through ClientSession and ServerSession.
// Build first: (cd packages/transport && npx tsup), with crypto and tl-schema built too.
//   node tools/bench/mtproto.mjs
import { portableCrypto } from '../../packages/crypto/dist/index.js';
import { nodeCrypto } from '../../packages/crypto/dist/node.js';
import { serialize } from '../../packages/tl-schema/dist/index.js';
import {
  ClientSession,
  EncryptedCodec,
  ServerSession,
} from '../../packages/transport/dist/index.js';

const BODY_BYTES = 1024;
const RUNS = 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median operations per second over RUNS runs of `inner` calls, after a warm-up run. */
function opsPerSecond(fn, inner) {
  for (let i = 0; i < inner; i++) fn(i);
  const rates = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    for (let i = 0; i < inner; i++) fn(i);
    rates.push((inner / (performance.now() - t)) * 1000);
  }
  return median(rates);
}

function pseudoRandom(n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 131 + 7) & 0xff;
  return out;
}

const rows = [];
for (const [name, crypto, inner] of [
  ['node', nodeCrypto, 4000],
  ['portable', portableCrypto, 1000],
]) {
  const authKey = crypto.randomBytes(256);
  const client = new EncryptedCodec({ crypto, authKey, role: 'client' });
  const server = new EncryptedCodec({ crypto, authKey, role: 'server' });
  const body = pseudoRandom(BODY_BYTES);
  const envelope = (msgId) => ({ salt: 1n, sessionId: 2n, msgId, seqNo: 1, body });

  const up = client.encrypt(envelope(4n));
  const down = server.encrypt(envelope(5n));
  const encryptClient = opsPerSecond((i) => client.encrypt(envelope(BigInt(i) * 4n)), inner);
  const decryptServer = opsPerSecond(() => server.decrypt(up), inner);
  const encryptServer = opsPerSecond((i) => server.encrypt(envelope(BigInt(i) * 4n + 1n)), inner);
  const decryptClient = opsPerSecond(() => client.decrypt(down), inner);

  // Full path: the client packs and encrypts a request carrying 1 KiB, the server decrypts,
  // checks and unpacks it, answers with a 1 KiB result, and the client decrypts and matches it.
  let now = 1_700_000_000_000;
  const nowMs = () => now;
  const clientSession = new ClientSession({
    crypto,
    authKey,
    serverSalt: 7n,
    isTimeSynced: true,
    nowMs,
    gzipThresholdBytes: Number.POSITIVE_INFINITY,
  });
  const serverSession = new ServerSession({
    crypto,
    authKey,
    serverSalt: 7n,
    nowMs,
    gzipThresholdBytes: Number.POSITIVE_INFINITY,
  });
  const request = serialize({ _: 'help.getAppConfig', hash: 0 });
  const requestBody = new Uint8Array(BODY_BYTES);
  requestBody.set(request);
  const result = new Uint8Array(BODY_BYTES);
  result.set(serialize({ _: 'boolTrue' }));
  let key = 0;
  const roundTrip = () => {
    now += 1;
    clientSession.enqueue({ key: ++key, body: requestBody, name: 'bench' });
    const out = clientSession.nextPacket();
    for (const event of serverSession.receive(out.packet)) {
      if (event.type === 'request') serverSession.sendResult(event.msgId, result);
    }
    const events = clientSession.receive(serverSession.nextPacket());
    if (!events.some((event) => event.type === 'result')) throw new Error('no result');
  };
  const roundTrips = opsPerSecond(roundTrip, Math.floor(inner / 2));

  const mb = (ops) => ((ops * BODY_BYTES) / 1e6).toFixed(1);
  rows.push(
    {
      provider: name,
      case: 'client encrypt (x=0), 1 KiB',
      'msgs/s': Math.round(encryptClient),
      'MB/s': mb(encryptClient),
    },
    {
      provider: name,
      case: 'server decrypt + checks, 1 KiB',
      'msgs/s': Math.round(decryptServer),
      'MB/s': mb(decryptServer),
    },
    {
      provider: name,
      case: 'server encrypt (x=8), 1 KiB',
      'msgs/s': Math.round(encryptServer),
      'MB/s': mb(encryptServer),
    },
    {
      provider: name,
      case: 'client decrypt + checks, 1 KiB',
      'msgs/s': Math.round(decryptClient),
      'MB/s': mb(decryptClient),
    },
    {
      provider: name,
      case: 'session round trip (2 × 1 KiB)',
      'msgs/s': Math.round(roundTrips),
      'MB/s': mb(roundTrips * 2),
    },
  );
}

console.log(`MTProto 2.0 message layer, ${BODY_BYTES}-byte bodies, median of ${RUNS} runs`);
console.table(rows);
