import { writeFileSync } from 'node:fs';
import type { DcAddress } from '@telets/session-memory';
import { startTestServer, type TestServer } from '@telets/test-server';
import type { CliArgs } from './args.js';
import type { CliIo } from './io.js';

/** The server's DCs in the shape the client's `dcs` option takes. */
export function clientDcsOf(server: TestServer): DcAddress[] {
  return server.dcs.map((dc) => ({ id: dc.id, ipAddress: dc.host, port: dc.port }));
}

/** `telets test-server`: runs @telets/test-server until SIGINT/SIGTERM. */
export async function testServer(args: CliArgs, io: CliIo): Promise<number> {
  const server = await startTestServer({ dcCount: args.dcCount ?? 3 });
  try {
    const dcs = clientDcsOf(server);
    if (args.out) writeFileSync(args.out, server.rsa.publicKeyPem);
    const ready = {
      dcs,
      rsaPublicKeyPem: server.rsa.publicKeyPem,
      fingerprint: server.rsa.fingerprintHex,
      dcOptions: dcs.map((dc) => `--dc ${dc.id}=${dc.ipAddress}:${dc.port}`).join(' '),
    };
    io.out(JSON.stringify(ready));
    if (!args.isJson) {
      io.err(
        `test server ready on ${dcs.map((dc) => `DC ${dc.id} ${dc.ipAddress}:${dc.port}`).join(', ')}` +
          `${args.out ? `; RSA public key written to ${args.out}` : ' (pass --out FILE to save its RSA key)'}. ` +
          'Test numbers 99966XYYYY live on DC X and their code is XXXXX. Ctrl-C stops it.',
      );
    }
    const signal = await io.untilStopped();
    io.err(`test server stopping (${signal})`);
    return 0;
  } finally {
    await server.close();
  }
}
