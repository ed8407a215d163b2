import { MemorySession } from '@telets/session-memory';
import { Client, type ClientOptions, type SessionInput } from '../src/index.js';
import { API_HASH, API_ID, DCS, FakeNetwork } from './fake-network.js';
import { ManualScheduler } from './manual-scheduler.js';

export function setup(options: ClientOptions = {}, session: SessionInput = new MemorySession()) {
  const net = new FakeNetwork();
  const scheduler = new ManualScheduler();
  const lines: string[] = [];
  const sink = {
    error: (m: string) => lines.push(m),
    warn: (m: string) => lines.push(m),
    info: (m: string) => lines.push(m),
    debug: (m: string) => lines.push(m),
  };
  const client = new Client(session, API_ID, API_HASH, {
    dcs: DCS,
    connector: net.connector,
    scheduler,
    logger: sink,
    logLevel: 'debug',
    ...options,
  });
  return { client, net, scheduler, lines, session };
}

export const USER = { _: 'user', id: 777n, self: true, firstName: 'Test' } as const;
