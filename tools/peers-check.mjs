#!/usr/bin/env node
// Developer check (not CI): do two independent, third-party MTProto clients (GramJS, layer 198;
// mtcute, layer 227) sign in against @telets/test-server? Starts the server from its BUILT dist
// (run `npx tsup` in packages/test-server first), installs the peers into ~/.cache/telets-peers
// when missing (see shared/peers/README.md), runs every scenario, prints a Markdown table.
//   node tools/peers-check.mjs [--peer gramjs|mtcute] [--quick]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const peersScripts = process.env.PEERS_SCRIPTS ?? path.join(root, '..', 'shared', 'peers');
const peersDir = process.env.PEERS_DIR ?? path.join(os.homedir(), '.cache', 'telets-peers');
const args = process.argv.slice(2);
const onlyPeer = args.includes('--peer') ? args[args.indexOf('--peer') + 1] : undefined;
const isQuick = args.includes('--quick');

const PEERS = {
  gramjs: {
    pkg: 'telegram@2.26.22',
    script: 'gramjs-login.mjs',
    transports: ['full', 'abridged', 'intermediate', 'padded', 'obfuscated'],
  },
  mtcute: {
    pkg: '@mtcute/node@0.30.3',
    script: 'mtcute-login.mjs',
    transports: ['intermediate', 'padded', 'abridged', 'full', 'obfuscated'],
  },
};

function install(name) {
  const dir = path.join(peersDir, name);
  if (existsSync(path.join(dir, 'node_modules'))) return;
  mkdirSync(dir, { recursive: true });
  console.error(`installing ${PEERS[name].pkg} into ${dir}`);
  execFileSync('npm', ['init', '-y'], { cwd: dir, stdio: 'ignore' });
  execFileSync('npm', ['install', '--ignore-scripts', PEERS[name].pkg], {
    cwd: dir,
    stdio: 'inherit',
  });
}

function run(peer, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(peersScripts, PEERS[peer].script)], {
      env: { ...process.env, PEERS_DIR: peersDir, TIMEOUT_MS: '30000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      let result;
      try {
        result = JSON.parse(line);
      } catch {
        result = { ok: false, error: (err || out).trim().split('\n').slice(-3).join(' | ') };
      }
      resolve({ code, result });
    });
  });
}

const { startTestServer } = await import(path.join(root, 'packages/test-server/dist/index.js'));
// GramJS keeps ports as int16 when it switches DC: stay below 32768.
async function startServer(options) {
  for (let attempt = 0; ; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 12000);
    try {
      return await startTestServer({ ...options, ports: [base, base + 1, base + 2] });
    } catch (error) {
      if (attempt > 20) throw error;
    }
  }
}
const server = await startServer({
  codeFor: () => '12345',
  onWarning: process.env.VERBOSE ? (dc, m) => console.error(`dc${dc} warning: ${m}`) : undefined,
  onRequest: process.env.VERBOSE
    ? (e) => console.error(`dc${e.dcId} ${e.method} -> ${e.outcome}`)
    : undefined,
});
const tmp = mkdtempSync(path.join(os.tmpdir(), 'telets-peers-'));
const pemPath = path.join(tmp, 'server-pub.pem');
writeFileSync(pemPath, server.rsa.publicKeyPem);
const dcs = Object.fromEntries(server.dcs.map((d) => [d.id, `${d.host}:${d.port}`]));
const base = { DCS: JSON.stringify(dcs), RSA_PEM: pemPath, RSA_REPLACE: '1' };

const rows = [];
let n = 0;
const phone = (dc) => `99966${dc}${String(1000 + ++n).slice(-4)}`;
try {
  for (const peer of Object.keys(PEERS)) {
    if (onlyPeer && peer !== onlyPeer) continue;
    install(peer);
    const session = path.join(tmp, `${peer}.session`);
    const twoFa = phone(3);
    await server.addAccount({ phone: twoFa, password: 'hunter2', hint: 'hint' });
    const bot = server.addBot({ dcId: 1 });
    const scenarios = [
      [
        'phone sign-in on the home DC',
        { DC_ID: '2', PHONE: phone(2), CODE: '22222', SESSION_OUT: session, RECONNECT: '0' },
      ],
      [
        'reconnect from the saved session',
        { DC_ID: '2', SESSION_IN: session, N: isQuick ? '0' : '50' },
      ],
      ['sign-in through PHONE_MIGRATE', { DC_ID: '2', PHONE: phone(1), CODE: '11111' }],
      [
        '2FA (SRP) after PHONE_MIGRATE',
        { DC_ID: '2', PHONE: twoFa, CODE: '33333', PASSWORD: 'hunter2' },
      ],
      ['bot token through USER_MIGRATE', { DC_ID: '2', BOT_TOKEN: bot.token }],
      [
        'sign-up of an unknown number',
        {
          DC_ID: '2',
          PHONE: `4477009${String(++n).padStart(5, '0')}`,
          CODE: '12345',
          SIGN_UP: 'New User',
        },
      ],
    ];
    if (!isQuick) {
      for (const t of PEERS[peer].transports) {
        scenarios.push([
          `transport ${t}`,
          { DC_ID: '2', PHONE: phone(2), CODE: '22222', TRANSPORT: t },
        ]);
      }
    }
    for (const [name, env] of scenarios) {
      const { result } = await run(peer, { ...base, ...env });
      const perSec = result.ms?.getConfig
        ? ` getConfig ${result.ms.getConfig.seq.perSec}/s seq, ${result.ms.getConfig.conc.perSec}/s conc`
        : '';
      rows.push({
        peer: `${peer} ${result.version ?? ''} (layer ${result.layer ?? '?'})`,
        name,
        ok: result.ok === true,
        detail: result.ok
          ? `${result.ms?.total ?? '?'} ms${perSec}`
          : `${result.stage ?? ''} ${result.error ?? ''}`.trim(),
      });
      console.error(
        `${result.ok ? 'ok  ' : 'FAIL'} ${peer} ${name} ${result.ok ? '' : JSON.stringify(result).slice(0, 300)}`,
      );
    }
  }
} finally {
  await server.close();
}

console.log('| peer | scenario | result | detail |');
console.log('|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.peer} | ${r.name} | ${r.ok ? 'pass' : 'FAIL'} | ${r.detail} |`);
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
