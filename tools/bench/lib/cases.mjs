// The rows of the comparison table. `higherIsBetter` decides how the ratio is taken: the ratio is
// always "how many times better telets is than the better peer" (> 1 = telets ahead).
// target: the minimum ratio the issue asks for; `targetNote` when it is phrased otherwise.

export const LIBS = ['telets', 'gramjs', 'mtcute'];
export const LIB_LABEL = { telets: 'telets', gramjs: 'GramJS', mtcute: 'mtcute' };

const mb = { unit: 'MB/s', higherIsBetter: true };
const ops = { unit: 'ops/s', higherIsBetter: true };
const ms = { unit: 'ms', higherIsBetter: false };

export const CASES = [
  // ---- crypto (workers/compute.mjs) ----
  {
    id: 'ige-enc-1k',
    group: 'crypto',
    label: 'AES-256-IGE encrypt 1 KiB',
    ...mb,
    target: 2,
    bytes: 1024,
  },
  {
    id: 'ige-enc-64k',
    group: 'crypto',
    label: 'AES-256-IGE encrypt 64 KiB',
    ...mb,
    target: 2,
    bytes: 65536,
  },
  {
    id: 'ige-enc-1m',
    group: 'crypto',
    label: 'AES-256-IGE encrypt 1 MiB',
    ...mb,
    target: 2,
    bytes: 1 << 20,
  },
  {
    id: 'ige-dec-1k',
    group: 'crypto',
    label: 'AES-256-IGE decrypt 1 KiB',
    ...mb,
    target: 1,
    bytes: 1024,
  },
  {
    id: 'ige-dec-64k',
    group: 'crypto',
    label: 'AES-256-IGE decrypt 64 KiB',
    ...mb,
    target: 1,
    bytes: 65536,
  },
  {
    id: 'ige-dec-1m',
    group: 'crypto',
    label: 'AES-256-IGE decrypt 1 MiB',
    ...mb,
    target: 1,
    bytes: 1 << 20,
  },
  {
    id: 'ctr-64k',
    group: 'crypto',
    label: 'AES-256-CTR 64 KiB (stream)',
    ...mb,
    target: 1,
    bytes: 65536,
  },
  { id: 'sha1-1k', group: 'crypto', label: 'SHA-1 of 1 KiB', ...ops, target: 1 },
  { id: 'sha256-1k', group: 'crypto', label: 'SHA-256 of 1 KiB', ...ops, target: 1 },
  {
    id: 'pq',
    group: 'crypto',
    label: 'pq factorisation, pq < 2^63 (mean over 16; 8 in --quick)',
    ...ms,
    target: 2,
  },
  { id: 'srp', group: 'crypto', label: '2FA SRP (A, M1), PBKDF2 100k', ...ms, target: 1 },
  {
    id: 'srp-stall',
    group: 'crypto',
    label: '2FA SRP: longest event-loop stall',
    ...ms,
    target: 1,
    from: 'srp',
  },
  {
    id: 'rsa-pad',
    group: 'crypto',
    label: 'RSA_PAD of p_q_inner_data (2048-bit)',
    ...ops,
    target: 1,
  },
  // ---- TL (workers/compute.mjs) ----
  { id: 'tl-ser-sendcode', group: 'tl', label: 'TL serialize auth.sendCode', ...ops, target: 1 },
  { id: 'tl-de-sentcode', group: 'tl', label: 'TL deserialize auth.sentCode', ...ops, target: 1 },
  {
    id: 'tl-ser-messages',
    group: 'tl',
    label: 'TL serialize messages.messages (100 msgs, 20 users)',
    ...ops,
    target: 1,
  },
  {
    id: 'tl-de-messages',
    group: 'tl',
    label: 'TL deserialize messages.messages (100 msgs, 20 users)',
    ...ops,
    target: 1,
  },
  // ---- network against @telets/test-server (workers/net-*.mjs) ----
  {
    id: 'net-authkey',
    group: 'net',
    label: 'Fresh auth key (handshake) over loopback',
    ...ms,
    target: 2,
  },
  {
    id: 'net-signin',
    group: 'net',
    label: 'Full phone sign-in (connect + auth key + sendCode + signIn)',
    ...ms,
    target: 1,
  },
  {
    id: 'net-rps-seq',
    group: 'net',
    label: 'help.getConfig round trips, sequential',
    unit: 'req/s',
    higherIsBetter: true,
    target: 1,
  },
  {
    id: 'net-rps-100',
    group: 'net',
    label: 'help.getConfig round trips, 100 in flight',
    unit: 'req/s',
    higherIsBetter: true,
    target: 1,
  },
  // ---- cost (workers/cost-*.mjs) ----
  {
    id: 'import-ms',
    group: 'cost',
    label: 'Import time over bare `node -e 0`',
    ...ms,
    target: 2,
    targetNote: '≤ 0.5× mtcute',
    vs: 'mtcute',
  },
  {
    id: 'installed-mb',
    group: 'cost',
    label: 'Installed size (package + dependencies)',
    unit: 'MB',
    higherIsBetter: false,
    target: 1,
  },
  {
    id: 'bundle-kb',
    group: 'cost',
    label: 'Browser bundle of the client facade, min+gzip',
    unit: 'KB',
    higherIsBetter: false,
    target: 1,
    targetNote: '≤ 150 KB, no Node shims',
  },
  {
    id: 'idle-rss-kb',
    group: 'cost',
    label: 'RSS per idle client (1,000 clients)',
    unit: 'KB',
    higherIsBetter: false,
    target: 1,
  },
  {
    id: 'idle-heap-kb',
    group: 'cost',
    label: 'Heap per idle client (1,000 clients)',
    unit: 'KB',
    higherIsBetter: false,
    target: 1,
  },
  // ---- sessions (workers/session.mjs) ----
  {
    id: 'sqlite-saves',
    group: 'session',
    label: 'SQLite session saves (update state change)',
    unit: 'saves/s',
    higherIsBetter: true,
    target: 1,
  },
];

export const CASE_BY_ID = Object.fromEntries(CASES.map((c) => [c.id, c]));
