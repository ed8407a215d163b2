import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Prompter } from '@telets/auth';
import {
  DEFAULT_TEST_APP,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '@telets/test-server';
import { Client, type ClientOptions, type SessionInput } from '../src/index.js';

export const API_ID = DEFAULT_TEST_APP.apiId;
export const API_HASH = DEFAULT_TEST_APP.apiHash;

export interface World {
  server: TestServer;
  dir: string;
  logLines: string[];
  options(extra?: ClientOptions): ClientOptions;
  client(session: SessionInput, extra?: ClientOptions): Client;
  close(): Promise<void>;
}

/** A test server plus a temp directory and a client factory pointed at both. */
export async function startWorld(serverOptions: TestServerOptions = {}): Promise<World> {
  const server = await startTestServer({ dcCount: 3, ...serverOptions });
  const dir = mkdtempSync(join(tmpdir(), 'telets-test-'));
  const logLines: string[] = [];
  const sink = (m: string): void => {
    logLines.push(m);
  };
  const clients: Client[] = [];
  const options = (extra: ClientOptions = {}): ClientOptions => ({
    dcs: server.dcs.map((dc) => ({ id: dc.id, ipAddress: dc.host, port: dc.port })),
    rsaKeys: [server.rsa.publicKey],
    logger: { error: sink, warn: sink, info: sink, debug: sink },
    logLevel: 'debug',
    requestTimeoutMs: 15_000,
    ...extra,
  });
  return {
    server,
    dir,
    logLines,
    options,
    client(session, extra) {
      const client = new Client(session, API_ID, API_HASH, options(extra));
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.allSettled(clients.map((c) => c.disconnect()));
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A prompter answering from a list, recording what was asked and said. */
export function listPrompter(
  answers: string[],
): Prompter & { asked: string[]; said: string[]; secrets: boolean[] } {
  const asked: string[] = [];
  const said: string[] = [];
  const secrets: boolean[] = [];
  return {
    asked,
    said,
    secrets,
    async ask(question, options) {
      asked.push(question);
      secrets.push(options?.secret === true);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`no scripted answer for "${question}"`);
      return answer;
    },
    say(message) {
      said.push(message);
    },
  };
}
