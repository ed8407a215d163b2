import { rmSync } from 'node:fs';
import { describeUser } from '@telets/auth';
import { Client } from '@telets/client';
import { DEFAULT_TEST_APP, startTestServer, testNumberCode } from '@telets/test-server';
import type { CliArgs } from './args.js';
import { type CliIo, scriptedPrompter } from './io.js';
import { clientDcsOf } from './test-server.js';

// An account on DC 1 while new sessions start on DC 2: the sign-in goes through PHONE_MIGRATE.
const DEMO_PHONE = '9996610001';
const DEMO_PASSWORD = 'correct horse battery staple';
const DEMO_HINT = 'four common words';

/**
 * `telets demo`: the whole sign-in story against an in-process test server, offline. Writes
 * ./demo.session (or --session), reconnects from it without signing in, and says who it is.
 */
export async function demo(args: CliArgs, io: CliIo): Promise<number> {
  const sessionPath = args.session === 'telets' ? 'demo.session' : args.session;
  const server = await startTestServer({ dcCount: 3 });
  try {
    await server.addAccount({
      phone: DEMO_PHONE,
      firstName: 'Demo',
      lastName: 'User',
      username: 'telets_demo',
      password: DEMO_PASSWORD,
      hint: DEMO_HINT,
    });
    const options = {
      dcs: clientDcsOf(server),
      rsaKeys: [server.rsa.publicKey],
      ...(args.logLevel ? { logLevel: args.logLevel } : {}),
    };
    const { apiId, apiHash } = DEFAULT_TEST_APP;
    const code = testNumberCode(1);
    io.out(
      `Test server running on ${options.dcs.map((dc) => `DC ${dc.id} ${dc.ipAddress}:${dc.port}`).join(', ')}.`,
    );
    // A session from an earlier run belongs to a server that no longer exists.
    for (const suffix of ['', '-wal', '-shm', '-journal'])
      rmSync(sessionPath + suffix, { force: true });

    const prompter = io.isInteractive
      ? io.prompter
      : scriptedPrompter(
          {
            phone: DEMO_PHONE,
            // What the server "sent", as a person would read it from their phone.
            code: () => server.lastLoginCode(DEMO_PHONE) ?? code,
            password: DEMO_PASSWORD,
          },
          io.out,
        );
    if (io.isInteractive) {
      io.out(`Sign in with phone ${DEMO_PHONE}, code ${code}, password "${DEMO_PASSWORD}".`);
    } else {
      io.out('stdin is not a terminal: answering the prompts by itself.');
    }

    {
      await using client = await new Client(sessionPath, apiId, apiHash, {
        ...options,
        ...(prompter ? { prompter } : {}),
      }).connect();
      await client.interactiveLogin();
    }
    io.out(`Saved the session to ${sessionPath}.`);

    const signInsBefore = server.counters.get('auth.signIn').received;
    await using again = await new Client(sessionPath, apiId, apiHash, options).connect();
    if (!(await again.isAuthorized())) {
      io.err('the saved session is not signed in: the demo failed');
      return 1;
    }
    const me = await again.getMe();
    const signInsAfter = server.counters.get('auth.signIn').received;
    io.out(
      `Reconnected from ${sessionPath} without signing in again (auth.signIn calls: ${signInsBefore} → ${signInsAfter}).`,
    );
    io.out(`Signed in as ${describeUser(me)} on DC ${again.homeDcId()}.`);
    return signInsAfter === signInsBefore ? 0 : 1;
  } finally {
    await server.close();
  }
}
