// Runs @telets/test-server (built dist) in its own process for the network cases, so its CPU time
// is not charged to the client being measured. Prints one JSON line {ok, dcs, rsaPem} once every DC
// listens, then serves until its stdin closes.
//   node tools/bench/workers/test-server.mjs <public-key-pem-path>
import { writeFileSync } from 'node:fs';

const [pemPath] = process.argv.slice(2);
try {
  const { startTestServer } = await import('../../../packages/test-server/dist/index.js');
  if (typeof startTestServer !== 'function') throw new Error('startTestServer is not exported yet');
  const server = await startTestServer({ dcCount: 3 });
  writeFileSync(pemPath, server.rsa.publicKeyPem);
  process.stdout.write(
    `${JSON.stringify({
      ok: true,
      dcs: server.dcs.map((d) => ({ id: d.id, host: d.host ?? d.ipAddress, port: d.port })),
      rsaPem: pemPath,
    })}\n`,
  );
  process.stdin.resume();
  process.stdin.on('end', () => server.close().then(() => process.exit(0)));
} catch (e) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: String(e?.message ?? e) })}\n`);
  process.exit(0);
}
