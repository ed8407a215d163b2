import { readFileSync, rmSync, writeFileSync } from 'node:fs';

// Which session files this process holds. Kept on globalThis so that an ESM and a CJS copy of
// this package loaded side by side still see each other's files.
const registryKey = Symbol.for('@telets/session-sqlite/open-files');
type Registry = Set<string>;
const globals = globalThis as unknown as Record<symbol, Registry | undefined>;
globals[registryKey] ??= new Set<string>();
const registry = globals[registryKey] as Registry;

export function isHeldByThisProcess(realPath: string): boolean {
  return registry.has(realPath);
}

export function markHeld(realPath: string): void {
  registry.add(realPath);
}

export function markReleased(realPath: string): void {
  registry.delete(realPath);
}

/**
 * The sidecar "<file>-lock" only names the holder for error messages; the lock itself is
 * SQLite's exclusive file lock, which the OS drops when the holding process dies.
 */
export function holderFilePath(path: string): string {
  return `${path}-lock`;
}

/** Best effort: without it the lock still holds, the error just cannot name the holder. */
export function writeHolder(path: string): void {
  try {
    writeFileSync(holderFilePath(path), `${JSON.stringify({ pid: process.pid })}\n`, {
      mode: 0o600,
    });
  } catch {
    // e.g. a read-only directory: nothing to do.
  }
}

export function removeHolder(path: string): void {
  rmSync(holderFilePath(path), { force: true });
}

/** The pid recorded by the holder, if that process is still alive. */
export function readHolderPid(path: string): number | undefined {
  let pid: unknown;
  try {
    pid = JSON.parse(readFileSync(holderFilePath(path), 'utf8')).pid;
  } catch {
    return undefined;
  }
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return undefined;
  if (pid === process.pid) return pid;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
