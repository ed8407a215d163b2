import { SessionError, type SessionFormat, SessionFormatError } from '@telets/session-memory';

/**
 * Another SqliteSession (in this or another process) holds the file. Two clients using one auth
 * key get it revoked by Telegram (AUTH_KEY_DUPLICATED), so the second one is refused at once.
 */
export class SessionLockedError extends SessionError {
  override readonly name: string = 'SessionLockedError';
  readonly path: string;
  /** The holder's process id when it could be found out. */
  readonly holderPid: number | undefined;

  constructor(path: string, holderPid: number | undefined) {
    const holder =
      holderPid === undefined
        ? 'another process or connection'
        : holderPid === process.pid
          ? `this process (pid ${holderPid})`
          : `another process (pid ${holderPid})`;
    super(
      `Session file ${path} is in use by ${holder}. Two clients must not share one auth key ` +
        '(Telegram revokes it with AUTH_KEY_DUPLICATED); close the other client first, or copy ' +
        'the session to a new file for a second, separately signed-in client.',
    );
    this.path = path;
    this.holderPid = holderPid;
  }
}

/** The file is not a SQLite database, not a telets session, or its contents are damaged. */
export class SessionFileError extends SessionFormatError {
  override readonly name: string = 'SessionFileError';
  readonly path: string;

  constructor(format: SessionFormat, path: string, problem: string) {
    super(format, `${path}: ${problem}`);
    this.path = path;
  }
}

/** The file was written by a newer telets with a schema this version does not know. */
export class SessionSchemaError extends SessionError {
  override readonly name: string = 'SessionSchemaError';
  readonly path: string;
  readonly fileVersion: number;
  readonly supportedVersion: number;

  constructor(path: string, fileVersion: number, supportedVersion: number) {
    super(
      `${path}: session schema version ${fileVersion} is newer than this telets supports ` +
        `(up to ${supportedVersion}); the file was left untouched. Upgrade @telets/session-sqlite.`,
    );
    this.path = path;
    this.fileVersion = fileVersion;
    this.supportedVersion = supportedVersion;
  }
}
