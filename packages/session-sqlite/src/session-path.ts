import { basename, extname } from 'node:path';

export const SESSION_EXTENSION = '.session';

/** "name" → "name.session", "dir/name" → "dir/name.session"; a path with an extension is kept. */
export function resolveSessionPath(path: string): string {
  if (typeof path !== 'string' || path.length === 0) {
    throw new TypeError('A session path must be a non-empty string');
  }
  if (path === ':memory:') throw new TypeError('Use MemorySession for an in-memory session');
  return extname(basename(path)) === '' ? `${path}${SESSION_EXTENSION}` : path;
}
