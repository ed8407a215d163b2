// Benchmarks @telets/tl-schema (built dist). Build it first: cd packages/tl-schema && npx tsup
//   node tools/bench/tl.mjs
// Prints objects/s and MB/s (median of several runs), the package's import time in a fresh Node
// process over bare `node -e 0`, and the gzipped size of a browser bundle that only calls
// help.getConfig (write the request, read its result).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import {
  deserialize,
  readType_messages_Messages,
  serialize,
  TlReaderBase,
  TlWriterBase,
  write_auth_sendCode,
} from '../../packages/tl-schema/dist/index.js';

const distPath = fileURLToPath(new URL('../../packages/tl-schema/dist/index.js', import.meta.url));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median ops/s over `runs` runs of about `runMs` each, after a warm-up run. */
function opsPerSecond(fn, runMs = 400, runs = 7) {
  let batch = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - t > 20) break;
    batch *= 2;
  }
  const samples = [];
  for (let r = 0; r <= runs; r++) {
    let n = 0;
    const t = performance.now();
    let el = 0;
    do {
      for (let i = 0; i < batch; i++) fn();
      n += batch;
      el = performance.now() - t;
    } while (el < runMs);
    if (r > 0) samples.push((n / el) * 1000);
  }
  return median(samples);
}

const sendCode = {
  _: 'auth.sendCode',
  phoneNumber: '+15551234567',
  apiId: 123456,
  apiHash: '0123456789abcdef0123456789abcdef',
  settings: { _: 'codeSettings', allowFlashcall: false, currentNumber: true, allowAppHash: true },
};
const sentCodeBytes = serialize({
  _: 'auth.sentCode',
  type: { _: 'auth.sentCodeTypeApp', length: 5 },
  phoneCodeHash: '5f1bbd3a0d4a1e3c2b',
  nextType: { _: 'auth.codeTypeSms' },
  timeout: 120,
});

function makeMessages() {
  const users = [];
  for (let i = 0; i < 20; i++) {
    users.push({
      _: 'user',
      contact: i % 2 === 0,
      id: 1000000n + BigInt(i),
      accessHash: -1234567890123456789n + BigInt(i),
      firstName: `First${i}`,
      lastName: `Last name ${i}`,
      username: `user_${i}`,
      phone: `1555000${String(i).padStart(4, '0')}`,
      photo: {
        _: 'userProfilePhoto',
        hasVideo: false,
        photoId: 5000000000000000000n + BigInt(i),
        strippedThumb: new Uint8Array(40).fill(i),
        dcId: 2,
      },
      status: { _: 'userStatusOffline', wasOnline: 1700000000 + i },
      langCode: 'en',
    });
  }
  const messages = [];
  for (let i = 0; i < 100; i++) {
    messages.push({
      _: 'message',
      out: i % 3 === 0,
      id: 50000 + i,
      fromId: { _: 'peerUser', userId: 1000000n + BigInt(i % 20) },
      peerId: { _: 'peerUser', userId: 1000000n + BigInt((i + 1) % 20) },
      date: 1700000000 + i * 60,
      message: `Message number ${i}: the quick brown fox jumps over the lazy dog. Ünïcödé ✓`,
      entities:
        i % 4 === 0
          ? [
              { _: 'messageEntityBold', offset: 0, length: 7 },
              { _: 'messageEntityUrl', offset: 20, length: 9 },
            ]
          : undefined,
      replyTo:
        i % 5 === 0
          ? { _: 'messageReplyHeader', replyToMsgId: 50000 + i - 1, quote: false }
          : undefined,
      editDate: i % 7 === 0 ? 1700000100 + i : undefined,
    });
  }
  return { _: 'messages.messages', messages, topics: [], chats: [], users };
}

const rows = [];
function row(what, ops, bytes) {
  rows.push({
    what,
    'objects/s': Math.round(ops).toLocaleString('en-US'),
    'MB/s': bytes ? ((ops * bytes) / 1e6).toFixed(1) : '',
    'bytes/object': bytes ?? '',
  });
}

// Serialize auth.sendCode (the whole-layer entry point, and the per-request writer).
const sendCodeBytes = serialize(sendCode);
row(
  'serialize auth.sendCode',
  opsPerSecond(() => serialize(sendCode)),
  sendCodeBytes.length,
);
const w = new TlWriterBase(256);
row(
  'write_auth_sendCode (reused writer)',
  opsPerSecond(() => {
    w.reset();
    write_auth_sendCode(w, sendCode);
  }),
  sendCodeBytes.length,
);
// Deserialize auth.sentCode.
row(
  'deserialize auth.sentCode',
  opsPerSecond(() => deserialize(sentCodeBytes)),
  sentCodeBytes.length,
);
// messages.messages with 100 messages and 20 users.
const msgs = makeMessages();
const msgsBytes = serialize(msgs);
row(
  'serialize messages.messages (100 msgs, 20 users)',
  opsPerSecond(() => serialize(msgs)),
  msgsBytes.length,
);
row(
  'deserialize messages.messages (100 msgs, 20 users)',
  opsPerSecond(() => deserialize(msgsBytes)),
  msgsBytes.length,
);
row(
  'readType_messages_Messages (same bytes)',
  opsPerSecond(() => readType_messages_Messages(new TlReaderBase(msgsBytes))),
  msgsBytes.length,
);
console.table(rows);

// Import time in a fresh process, over bare `node -e 0` (median of several runs each).
function wallMs(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
  return performance.now() - t;
}
const bare = [];
const withImport = [];
for (let i = 0; i < 11; i++) {
  bare.push(wallMs(['-e', '0']));
  withImport.push(
    wallMs(['--input-type=module', '-e', `await import(${JSON.stringify(distPath)})`]),
  );
}
const importRows = [
  {
    what: 'node -e 0',
    'median ms': median(bare).toFixed(1),
  },
  {
    what: 'node: import @telets/tl-schema (ESM dist)',
    'median ms': median(withImport).toFixed(1),
  },
  {
    what: 'import cost over bare node',
    'median ms': (median(withImport) - median(bare)).toFixed(1),
  },
];
console.table(importRows);

// Browser bundle that only touches help.getConfig.
const esbuild = await import('esbuild');
async function bundleSize(contents) {
  const out = await esbuild.build({
    stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].contents;
  return { minified: code.length, gzipped: gzipSync(code).length };
}
const dist = JSON.stringify(distPath);
const getConfigOnly = await bundleSize(`
  import { TlReaderBase, TlWriterBase, readResult_help_getConfig, write_help_getConfig } from ${dist};
  export function request() { const w = new TlWriterBase(16); write_help_getConfig(w, { _: 'help.getConfig' }); return w.finish(); }
  export function result(bytes) { return readResult_help_getConfig(new TlReaderBase(bytes)); }
`);
const whole = await bundleSize(`
  import { deserialize, serialize } from ${dist};
  export { deserialize, serialize };
`);
console.table([
  {
    bundle: 'help.getConfig only (browser, minified)',
    bytes: getConfigOnly.minified,
    gzipped: getConfigOnly.gzipped,
  },
  {
    bundle: 'serialize + deserialize (whole layer)',
    bytes: whole.minified,
    gzipped: whole.gzipped,
  },
]);
