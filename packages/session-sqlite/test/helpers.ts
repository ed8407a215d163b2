import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'telets-session-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Content hash, mtime and the names of every file beside it: to prove a file was left alone. */
export function fingerprint(path: string): string {
  const dir = join(path, '..');
  return JSON.stringify({
    sha: existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null,
    mtimeMs: existsSync(path) ? statSync(path).mtimeMs : null,
    files: readdirSync(dir).sort(),
  });
}

export function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
