// Crypto and TL cases of one library, in this fresh process: load the library, check its output
// against the reference, warm up, then print {ok, metrics: {caseId: {samples}}} as one JSON line
// per case. run.mjs gives one case per process (--quick: all of a library's cases in one).
//   node tools/bench/workers/compute.mjs <telets|gramjs|mtcute> <case-id>[,<case-id>...] [--quick]
import { CLOCK, msPerCall, rateSync, withStallWatch } from '../lib/measure.mjs';
import * as R from '../lib/reference.mjs';

const [lib, caseList] = process.argv.slice(2);
const quick = process.argv.includes('--quick');
const timing = quick
  ? { warmupMs: 60, sampleMs: 80, samples: 3 }
  : { warmupMs: 150, sampleMs: 200, samples: 4 };

class CaseFailure extends Error {}

function fail(error) {
  throw new CaseFailure(error);
}

function check(condition, what) {
  if (!condition) fail(`self-check failed: ${what}`);
}

const toU8 = (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

async function runCase(A, caseId) {
  const metrics = {};
  const mbps = (callsPerSecond, bytes) => callsPerSecond.map((r) => (r * bytes) / 1e6);
  const ige = /^ige-(enc|dec)-(1k|64k|1m)$/.exec(caseId);
  if (ige) {
    const bytes = { '1k': 1024, '64k': 65536, '1m': 1 << 20 }[ige[2]];
    const plain = R.detBytes(bytes, 21);
    const cipher = R.igeEncryptRef(plain, R.KEY, R.IV32);
    if (ige[1] === 'enc') {
      check(
        R.bytesEqual(toU8(A.igeEncrypt(plain, R.KEY, R.IV32)), cipher),
        'IGE encrypt != reference',
      );
      metrics[caseId] = {
        samples: mbps(
          rateSync(() => A.igeEncrypt(plain, R.KEY, R.IV32), timing),
          bytes,
        ),
      };
    } else {
      check(
        R.bytesEqual(toU8(A.igeDecrypt(cipher, R.KEY, R.IV32)), plain),
        'IGE decrypt != reference',
      );
      metrics[caseId] = {
        samples: mbps(
          rateSync(() => A.igeDecrypt(cipher, R.KEY, R.IV32), timing),
          bytes,
        ),
      };
    }
  } else if (caseId === 'ctr-64k') {
    const data = R.detBytes(65536, 22);
    const ref = R.ctrRef(Buffer.concat([data, data]), R.KEY, R.IV16);
    const probe = A.ctr(R.KEY, R.IV16);
    // Two chunks: the stream must carry its counter across calls.
    const got = Buffer.concat([toU8(probe(data)), toU8(probe(data))]);
    check(R.bytesEqual(got, ref), 'CTR stream != reference');
    const stream = A.ctr(R.KEY, R.IV16);
    metrics[caseId] = {
      samples: mbps(
        rateSync(() => stream(data), timing),
        65536,
      ),
    };
  } else if (caseId === 'sha1-1k' || caseId === 'sha256-1k') {
    const data = R.detBytes(1024, 23);
    const fn = caseId === 'sha1-1k' ? A.sha1 : A.sha256;
    const ref = caseId === 'sha1-1k' ? R.sha1Ref(data) : R.sha256Ref(data);
    check(R.bytesEqual(toU8(fn(data)), ref), 'digest != reference');
    metrics[caseId] = { samples: rateSync(() => fn(data), timing) };
  } else if (caseId === 'pq') {
    // The checking pass over every semiprime doubles as the warm-up (factorisation is slow in
    // some libraries: one pass can take seconds).
    const list = R.semiprimes(quick ? 8 : 16);
    const inputs = list.map((n) => R.bigToBytes(n, 8));
    const toBig = A.factorToBig ?? ((b) => R.bytesToBig(toU8(b)));
    for (let i = 0; i < list.length; i++) {
      const [p, q] = await A.factorize(inputs[i]);
      const [a, b] = [toBig(p), toBig(q)].sort((x, y) => (x < y ? -1 : 1));
      check(R.checkFactors(list[i], a, b), `factors of ${list[i]}`);
    }
    const samples = await msPerCall(
      async () => {
        for (const pq of inputs) await A.factorize(pq);
      },
      { warmup: 0, samples: quick ? 1 : 3 },
    );
    metrics[caseId] = { samples: samples.map((ms) => ms / inputs.length) };
  } else if (caseId === 'srp') {
    // Server side from the telets crypto package (srpVerifier/srpServerB/srpVerifyClient): every
    // library's (A, M1) must verify, which also cross-checks telets' own client side.
    const C = await import('../../../packages/crypto/dist/index.js');
    const { nodeCrypto } = await import('../../../packages/crypto/dist/node.js');
    const group = {
      g: 3,
      p: C.TELEGRAM_DH_PRIME,
      salt1: R.detBytes(40, 31),
      salt2: R.detBytes(16, 32),
    };
    const verifier = await C.srpVerifier(nodeCrypto, group, 'hunter2');
    const b = R.detBytes(256, 33);
    const srpB = C.srpServerB(nodeCrypto, group, verifier, b);
    const input = { ...group, srpB, srpId: 5555555555n };
    const answer = await A.srp(input, 'hunter2');
    check(
      C.srpVerifyClient(nodeCrypto, group, verifier, b, { A: toU8(answer.A), M1: toU8(answer.M1) }),
      'server rejects (A, M1)',
    );
    const wrong = await A.srp(input, 'hunter3');
    check(
      !C.srpVerifyClient(nodeCrypto, group, verifier, b, { A: toU8(wrong.A), M1: toU8(wrong.M1) }),
      'server accepts a wrong password',
    );
    const times = [];
    const stalls = [];
    for (let i = 0; i < (quick ? 3 : 5); i++) {
      const { ms, stallMs } = await withStallWatch(() => A.srp(input, 'hunter2'));
      times.push(ms);
      stalls.push(stallMs);
    }
    metrics.srp = { samples: times };
    metrics['srp-stall'] = { samples: stalls };
  } else if (caseId === 'rsa-pad') {
    if (!A.rsaPadKind) fail(`n/a: ${A.rsaPadMissing}`);
    const key = R.loadBenchRsa();
    const data = R.detBytes(96, 41);
    const pad = A.makeRsaPad(key);
    const out = toU8(await pad(data));
    check(out.length === 256, 'output is not 256 bytes');
    if (A.rsaPadKind === 'rsa_pad') {
      const back = R.rsaUnpadRef(out, key);
      check(
        back && R.bytesEqual(back.subarray(0, 96), data),
        'RSA_PAD does not decrypt to the data',
      );
    } else {
      check(R.rsaOldUnpadRef(out, key, 96), 'RSA (old padding) does not decrypt to the data');
    }
    const isAsync = pad(data) instanceof Promise;
    metrics[caseId] = {
      samples: isAsync
        ? (await msPerCall(() => pad(data), { warmup: 3, samples: quick ? 10 : 30 })).map(
            (m) => 1000 / m,
          )
        : rateSync(() => pad(data), timing),
      note:
        A.rsaPadKind === 'old'
          ? 'GramJS encrypts p_q_inner_data with the pre-2021 RSA padding (SHA1 + data + random), not RSA_PAD: shown, not compared'
          : undefined,
      extra: A.rsaPadKind === 'old' ? { comparable: false } : undefined,
    };
  } else if (caseId.startsWith('tl-')) {
    const T = await A.loadTl();
    if (caseId === 'tl-ser-sendcode') {
      const got = toU8(T.serializeSendCode(R.SEND_CODE));
      check(R.bytesEqual(got, R.SEND_CODE_BYTES), 'auth.sendCode bytes != reference');
      metrics[caseId] = { samples: rateSync(() => T.serializeSendCode(R.SEND_CODE), timing) };
    } else if (caseId === 'tl-de-sentcode') {
      const got = T.deserializeSentCode(R.SENT_CODE_BYTES);
      check(
        got.phoneCodeHash === R.SENT_CODE.phoneCodeHash &&
          got.timeout === R.SENT_CODE.timeout &&
          got.length === R.SENT_CODE.length,
        'auth.sentCode fields',
      );
      metrics[caseId] = {
        samples: rateSync(() => T.deserializeSentCode(R.SENT_CODE_BYTES), timing),
      };
    } else {
      const obj = T.buildMessages();
      const bytes = toU8(T.serialize(obj));
      const err = R.checkMessages(T.deserialize(bytes), T.get);
      check(!err, `messages.messages round trip: ${err}`);
      metrics.layer = T.layer;
      if (caseId === 'tl-ser-messages') {
        metrics[caseId] = {
          samples: rateSync(() => T.serialize(obj), timing),
          bytes: bytes.length,
        };
      } else {
        metrics[caseId] = {
          samples: rateSync(() => T.deserialize(bytes), timing),
          bytes: bytes.length,
        };
      }
    }
  } else {
    fail(`unknown case ${caseId}`);
  }
  const layer = metrics.layer;
  delete metrics.layer;
  return { layer, metrics };
}

const describe = (e) =>
  e instanceof CaseFailure
    ? e.message
    : String(e?.stack ?? e)
        .split('\n')
        .slice(0, 3)
        .join(' | ');
const emit = (obj) => process.stdout.write(`${JSON.stringify({ lib, ...obj })}\n`);

async function main() {
  const caseIds = caseList.split(',');
  let A;
  try {
    A = await (await import(`../adapters/${lib}.mjs`)).load();
  } catch (e) {
    for (const caseId of caseIds) emit({ ok: false, case: caseId, error: describe(e) });
    return;
  }
  for (const caseId of caseIds) {
    try {
      const { layer, metrics } = await runCase(A, caseId);
      emit({ ok: true, version: A.version, case: caseId, clock: CLOCK, layer, metrics });
    } catch (e) {
      emit({ ok: false, case: caseId, error: describe(e) });
    }
  }
}

main().then(() => process.exit(0));
