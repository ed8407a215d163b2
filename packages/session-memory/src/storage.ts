import type { Session } from './session.js';

/**
 * What every session backend implements: a file, a SQL or key-value database, a secret store.
 * Every method is async so remote stores fit. `save` stores a snapshot (later changes to the
 * Session do not leak into the store) and saves land in the order they were called. `load`
 * returns `undefined` when nothing is stored. `delete` erases the stored session (the storage
 * stays usable). After `close`, `load`/`save`/`delete` reject with SessionClosedError;
 * `close` itself may be called again.
 */
export interface SessionStorage {
  load(): Promise<Session | undefined>;
  save(session: Session): Promise<void>;
  delete(): Promise<void>;
  close(): Promise<void>;
}
