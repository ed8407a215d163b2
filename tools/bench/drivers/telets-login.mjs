#!/usr/bin/env node
// Drives the telets client (built `telets` facade) against a server on loopback, the same way
// /work/shared/peers/{gramjs,mtcute}-login.mjs drive GramJS and mtcute, and prints the same JSON
// line: {ok, peer, version, layer, ms: {connect, authKey, sendCode, signIn, login,
// getConfig: {seq: {perSec}, conc: {perSec}}, total}}.
// Environment: DCS (JSON map id -> "host:port"), DC_ID, RSA_PEM (path), PHONE, CODE, N,
// TRANSPORT (abridged | intermediate | padded | full), TIMEOUT_MS, API_ID, API_HASH.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const env = process.env;
const now = () => performance.now();
const round = (x) => Math.round(x * 100) / 100;
const out = { ok: false, peer: 'telets', ms: {} };
const stage = (s) => {
  out.stage = s;
};

function finish(code) {
  process.stdout.write(`${JSON.stringify(out)}\n`);
  setTimeout(() => process.exit(code), 10).unref();
  process.exitCode = code;
}

async function main() {
  const T = await import('../../../packages/telets/dist/index.js');
  const { parseRsaPublicKey } = await import('../../../packages/crypto/dist/index.js');
  out.version = JSON.parse(
    readFileSync(new URL('../../../packages/telets/package.json', import.meta.url), 'utf8'),
  ).version;
  out.layer = T.LAYER;
  const dcMap = JSON.parse(env.DCS ?? '{}');
  const dcs = Object.entries(dcMap).map(([id, addr]) => {
    const i = addr.lastIndexOf(':');
    return { id: Number(id), ipAddress: addr.slice(0, i), port: Number(addr.slice(i + 1)) };
  });
  const dcId = Number(env.DC_ID ?? 2);
  const transport = env.TRANSPORT ?? 'intermediate';
  out.transport = transport;
  out.dcId = dcId;
  const rsaKeys = (env.RSA_PEM ?? '')
    .split(',')
    .filter(Boolean)
    .map((p) => parseRsaPublicKey(readFileSync(p, 'utf8')));

  // The client saves the session right after the handshake: that save marks the new auth key.
  let connectingAt;
  let authKeyAt;
  class TimedSession extends T.MemorySession {
    async save(session) {
      if (authKeyAt === undefined && session.getAuthKey?.(dcId)) authKeyAt = now();
      return super.save(session);
    }
  }
  const tStart = now();
  stage('connect');
  const client = new T.Client(
    new TimedSession(),
    Number(env.API_ID ?? 12345),
    env.API_HASH ?? '0123456789abcdef0123456789abcdef',
    {
      dcs,
      defaultDcId: dcId,
      rsaKeys,
      transport,
      logLevel: 'error',
      deviceModel: 'bench-telets',
    },
  );
  client.on('connectionState', (e) => {
    if (e.state === 'connecting' && connectingAt === undefined) connectingAt = now();
  });
  await client.connect();
  out.ms.connect = round(now() - tStart);
  if (authKeyAt !== undefined) out.ms.authKey = round(authKeyAt - (connectingAt ?? tStart));
  if (env.PHONE) {
    stage('sendCode');
    const t0 = now();
    const token = await client.requestLoginCode(env.PHONE);
    out.ms.sendCode = round(now() - t0);
    stage('signIn');
    const t1 = now();
    const user = await client.signIn(token, env.CODE);
    out.ms.signIn = round(now() - t1);
    out.ms.login = round(now() - t0);
    out.userId = String(user?.id);
  }
  const n = Number(env.N ?? 0);
  if (n > 0) {
    stage('bench help.getConfig');
    const call = () => client.invoke({ _: 'help.getConfig' });
    const t2 = now();
    for (let i = 0; i < n; i++) await call();
    const seqMs = now() - t2;
    const t3 = now();
    await Promise.all(Array.from({ length: n }, call));
    const concMs = now() - t3;
    out.ms.getConfig = {
      seq: { n, total: round(seqMs), perSec: round((n * 1000) / seqMs) },
      conc: { n, total: round(concMs), perSec: round((n * 1000) / concMs) },
    };
  }
  out.ms.total = round(now() - tStart);
  delete out.stage;
  out.ok = true;
  await Promise.race([client.disconnect(), new Promise((r) => setTimeout(r, 2000))]);
}

const timer = setTimeout(
  () => {
    out.error = `timeout after ${env.TIMEOUT_MS ?? 60000} ms`;
    finish(124);
  },
  Number(env.TIMEOUT_MS ?? 60000),
);
main().then(
  () => {
    clearTimeout(timer);
    finish(0);
  },
  (e) => {
    clearTimeout(timer);
    out.error = String(e?.stack ?? e)
      .split('\n')
      .slice(0, 4)
      .join(' | ');
    finish(1);
  },
);
