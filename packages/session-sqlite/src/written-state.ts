import type { DcSession, Session, UpdateState } from '@telets/session-memory';

/** A DC row as the last successful save wrote it. */
interface WrittenDc {
  ipAddress: string;
  ipv6: string | undefined;
  port: number;
  isTest: boolean;
  /**
   * A private copy of the key bytes written. A digest would be smaller, but a collision would
   * silently skip writing a new key; the copy lives no longer than the session object's own key
   * and is zeroed when forgotten.
   */
  authKey: Uint8Array | undefined;
}

/**
 * What the file holds, as of the last committed save. Only valid while nobody else writes the
 * file (SqliteSession holds an exclusive lock); forgotten on any failure so the next save rewrites
 * everything.
 */
export interface WrittenState {
  homeDcId: number;
  userId: bigint | undefined;
  userIsBot: boolean | undefined;
  updateState: UpdateState | undefined;
  dcs: Map<number, WrittenDc>;
  channels: Map<bigint, number>;
}

/** What one save has to write, computed against the last written state. */
export interface SavePlan {
  /** No trustworthy snapshot: delete every row and write the whole session. */
  isFullRewrite: boolean;
  dcWrites: DcSession[];
  dcDeletes: number[];
  /** 'all': home DC / user changed (the whole session row); 'state': only the update state. */
  sessionRow: 'all' | 'state' | 'none';
  channelWrites: [bigint, number][];
  channelDeletes: bigint[];
  /** Whether a key, a DC, the user or the home DC changes: what 'auto' durability fsyncs. */
  isLoginChange: boolean;
}

export function planSave(session: Session, written: WrittenState | undefined): SavePlan {
  if (written === undefined) {
    return {
      isFullRewrite: true,
      dcWrites: [...session.dcs.values()],
      dcDeletes: [],
      sessionRow: 'all',
      channelWrites: [...session.channelPts],
      channelDeletes: [],
      isLoginChange: true,
    };
  }
  const dcWrites: DcSession[] = [];
  let keptDcs = 0;
  for (const dc of session.dcs.values()) {
    const before = written.dcs.get(dc.id);
    if (before !== undefined) keptDcs++;
    if (before === undefined || !isSameDc(dc, before)) dcWrites.push(dc);
  }
  const dcDeletes: number[] = [];
  if (keptDcs !== written.dcs.size) {
    for (const id of written.dcs.keys()) if (!session.dcs.has(id)) dcDeletes.push(id);
  }

  const user = session.user;
  const isSessionRowChange =
    session.homeDcId !== written.homeDcId ||
    user?.id !== written.userId ||
    (user === undefined ? undefined : Boolean(user.isBot)) !== written.userIsBot;
  const sessionRow = isSessionRowChange
    ? 'all'
    : isSameState(session.updateState, written.updateState)
      ? 'none'
      : 'state';

  const channelWrites: [bigint, number][] = [];
  let keptChannels = 0;
  for (const [id, pts] of session.channelPts) {
    const before = written.channels.get(id);
    if (before !== undefined) keptChannels++;
    if (before !== pts) channelWrites.push([id, pts]);
  }
  const channelDeletes: bigint[] = [];
  if (keptChannels !== written.channels.size) {
    for (const id of written.channels.keys()) {
      if (!session.channelPts.has(id)) channelDeletes.push(id);
    }
  }

  return {
    isFullRewrite: false,
    dcWrites,
    dcDeletes,
    sessionRow,
    channelWrites,
    channelDeletes,
    isLoginChange: dcWrites.length > 0 || dcDeletes.length > 0 || isSessionRowChange,
  };
}

export function isEmptyPlan(plan: SavePlan): boolean {
  return (
    !plan.isFullRewrite &&
    plan.dcWrites.length === 0 &&
    plan.dcDeletes.length === 0 &&
    plan.sessionRow === 'none' &&
    plan.channelWrites.length === 0 &&
    plan.channelDeletes.length === 0
  );
}

/**
 * The state after `plan` was committed. Call only once the transaction has committed, in the same
 * synchronous turn as planSave (the session must not have changed in between).
 */
export function applyPlan(
  written: WrittenState | undefined,
  session: Session,
  plan: SavePlan,
): WrittenState {
  const next: WrittenState =
    plan.isFullRewrite || written === undefined
      ? {
          homeDcId: session.homeDcId,
          userId: undefined,
          userIsBot: undefined,
          updateState: undefined,
          dcs: new Map(),
          channels: new Map(),
        }
      : written;
  if (plan.isFullRewrite && written !== undefined) forgetWritten(written);
  for (const dc of plan.dcWrites) {
    const before = next.dcs.get(dc.id);
    before?.authKey?.fill(0);
    next.dcs.set(dc.id, {
      ipAddress: dc.ipAddress,
      ipv6: dc.ipv6 ?? undefined,
      port: dc.port,
      isTest: Boolean(dc.isTest),
      authKey: dc.authKey === undefined ? undefined : new Uint8Array(dc.authKey),
    });
  }
  for (const id of plan.dcDeletes) {
    next.dcs.get(id)?.authKey?.fill(0);
    next.dcs.delete(id);
  }
  if (plan.sessionRow === 'all') {
    next.homeDcId = session.homeDcId;
    next.userId = session.user?.id;
    next.userIsBot = session.user === undefined ? undefined : Boolean(session.user.isBot);
  }
  if (plan.sessionRow !== 'none') {
    const st = session.updateState;
    next.updateState =
      st === undefined ? undefined : { pts: st.pts, qts: st.qts, date: st.date, seq: st.seq };
  }
  for (const [id, pts] of plan.channelWrites) next.channels.set(id, pts);
  for (const id of plan.channelDeletes) next.channels.delete(id);
  return next;
}

/** Zeroes the key copies of a snapshot that is being dropped. */
export function forgetWritten(written: WrittenState | undefined): void {
  if (written === undefined) return;
  for (const dc of written.dcs.values()) dc.authKey?.fill(0);
  written.dcs.clear();
  written.channels.clear();
}

function isSameDc(dc: DcSession, before: WrittenDc): boolean {
  return (
    dc.ipAddress === before.ipAddress &&
    (dc.ipv6 ?? undefined) === before.ipv6 &&
    dc.port === before.port &&
    Boolean(dc.isTest) === before.isTest &&
    isSameKey(dc.authKey, before.authKey)
  );
}

function isSameKey(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isSameState(a: UpdateState | undefined, b: UpdateState | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.pts === b.pts && a.qts === b.qts && a.date === b.date && a.seq === b.seq;
}
