import { existsSync } from 'node:fs';
import { describeUser } from '@telets/auth';
import { Client, type User } from '@telets/client';
import {
  encodeStringSession,
  importTelethonStringSession,
  type Session,
} from '@telets/session-memory';
import { importTelethonSessionFile, SqliteSession } from '@telets/session-sqlite';
import { type CliArgs, clientOptionsOf, credentialsOf, UsageError } from './args.js';
import type { CliIo } from './io.js';

export async function login(args: CliArgs, io: CliIo): Promise<number> {
  const { apiId, apiHash } = credentialsOf(args);
  const client = new Client(args.session, apiId, apiHash, {
    ...clientOptionsOf(args),
    ...(io.prompter ? { prompter: io.prompter } : {}),
  });
  await using connected = await client.connect();
  const user = await connected.interactiveLogin(args.bot ?? args.phone);
  if (args.isJson) io.out(JSON.stringify(userJson(user)));
  return 0;
}

export async function whoami(args: CliArgs, io: CliIo): Promise<number> {
  const { apiId, apiHash } = credentialsOf(args);
  await using client = await new Client(
    args.session,
    apiId,
    apiHash,
    clientOptionsOf(args),
  ).connect();
  if (!(await client.isAuthorized())) {
    if (args.isJson) io.out(JSON.stringify({ signedIn: false }));
    else io.err(`not signed in (session ${args.session}): run "telets login" first`);
    return 1;
  }
  const me = await client.getMe();
  io.out(args.isJson ? JSON.stringify({ signedIn: true, ...userJson(me) }) : describeUser(me));
  return 0;
}

export function userJson(user: User): Record<string, unknown> {
  return {
    id: user.id.toString(),
    isBot: user.bot === true,
    firstName: user.firstName ?? null,
    lastName: user.lastName ?? null,
    username: user.username ?? null,
    phone: user.phone ?? null,
  };
}

export async function sessionCommand(args: CliArgs, io: CliIo): Promise<number> {
  const [, sub, file] = args.command;
  if (sub === 'export') return exportSession(args, io);
  if (sub === 'import-telethon') {
    if (!file)
      throw new UsageError('session import-telethon needs a FILE (or a Telethon string session)');
    return importTelethon(args, io, file);
  }
  throw new UsageError(`unknown "session" command "${sub ?? ''}": use export or import-telethon`);
}

async function exportSession(args: CliArgs, io: CliIo): Promise<number> {
  const storage = new SqliteSession(args.session);
  try {
    const session = await storage.load();
    if (!session) {
      io.err(`the session ${storage.path} is empty: nothing to export`);
      return 1;
    }
    const text = encodeStringSession(session);
    io.out(args.isJson ? JSON.stringify({ format: 'telets', session: text }) : text);
    return 0;
  } finally {
    await storage.close();
  }
}

async function importTelethon(args: CliArgs, io: CliIo, source: string): Promise<number> {
  const session: Session = existsSync(source)
    ? importTelethonSessionFile(source)
    : importTelethonStringSession(source);
  const storage = new SqliteSession(args.out ?? args.session);
  try {
    if (await storage.load()) {
      io.err(`${storage.path} already holds a session; choose another with --out`);
      return 1;
    }
    await storage.save(session);
    const summary = {
      path: storage.path,
      homeDcId: session.homeDcId,
      hasAuthKey: session.hasAuthKey(session.homeDcId),
    };
    if (args.isJson) io.out(JSON.stringify(summary));
    else io.out(`Imported into ${summary.path} (home DC ${summary.homeDcId}).`);
    return 0;
  } finally {
    await storage.close();
  }
}
