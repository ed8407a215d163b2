import { TestServerConfigError } from './errors.js';

/** The three client requests of the auth-key handshake. */
export type HandshakeStep = 'req_pq' | 'req_DH_params' | 'set_client_DH_params';

/** Drop rules are claimed by the next connections a DC accepts. */
export interface DropRule {
  /** Only on this DC (default: any). */
  dcId?: number;
  /** Close once this many packets arrived on the connection. */
  afterMessages?: number;
  /** Close once this many bytes arrived on the connection. */
  afterBytes?: number;
  /** Close when this handshake request arrives, before it is answered. */
  atHandshakeStep?: HandshakeStep;
  /** How many connections the rule applies to (default 1). */
  connections?: number;
}

export interface ResponseRule {
  dcId?: number;
  /** Only answers to this method (the innermost one, e.g. `auth.signIn`); default: any. */
  method?: string;
  /** How many answers the rule applies to (default 1). */
  count?: number;
}

export interface FloodWaitRule extends ResponseRule {
  /** The X of FLOOD_WAIT_X. */
  seconds: number;
}

interface Armed<T> {
  rule: T;
  remaining: number;
}

/** What a newly accepted connection must do to itself. */
export interface ConnectionFaults {
  afterMessages?: number;
  afterBytes?: number;
  atHandshakeStep?: HandshakeStep;
}

/**
 * Programmatic fault injection. Every rule is one-shot (or N-shot) and consumed when it fires,
 * so tests stay deterministic.
 */
export class FaultPlan {
  private drops: Armed<DropRule>[] = [];
  private dropOnAnswer: Armed<ResponseRule>[] = [];
  private delays: Armed<ResponseRule & { delayMs: number }>[] = [];
  private stalls: Armed<ResponseRule>[] = [];
  private badSalts: Armed<ResponseRule>[] = [];
  private wrongMsgKeys: Armed<ResponseRule>[] = [];
  private duplicates: Armed<ResponseRule>[] = [];
  private transportErrors: Armed<ResponseRule & { code: number }>[] = [];
  private floodWaits: Armed<FloodWaitRule>[] = [];
  private stalledReleases: Array<() => void> = [];

  /** Close the next connection(s) after N packets or bytes, or at a handshake step. */
  dropConnection(rule: DropRule): void {
    this.drops.push({ rule, remaining: rule.connections ?? 1 });
  }

  /** Close the connection instead of sending the answer to a request (which is still executed). */
  dropBeforeAnswer(rule: ResponseRule = {}): void {
    this.dropOnAnswer.push({ rule, remaining: rule.count ?? 1 });
  }

  /** Hold answers back for `delayMs`. */
  delayAnswers(rule: ResponseRule & { delayMs: number }): void {
    this.delays.push({ rule, remaining: rule.count ?? 1 });
  }

  /** Never send answers until releaseStalled() (the request is executed). */
  stallAnswers(rule: ResponseRule = {}): void {
    this.stalls.push({ rule, remaining: rule.count ?? 1 });
  }

  /** Sends every stalled answer now. */
  releaseStalled(): void {
    const releases = this.stalledReleases;
    this.stalledReleases = [];
    for (const release of releases) release();
  }

  /** Refuse the next request(s) with bad_server_salt although their salt is valid. */
  badServerSalt(rule: ResponseRule = {}): void {
    this.badSalts.push({ rule, remaining: rule.count ?? 1 });
  }

  /** Corrupt the msg_key of the next encrypted packet(s) the server sends. */
  wrongMsgKey(rule: ResponseRule = {}): void {
    this.wrongMsgKeys.push({ rule, remaining: rule.count ?? 1 });
  }

  /** Send the next encrypted packet(s) twice. */
  duplicatePackets(rule: ResponseRule = {}): void {
    this.duplicates.push({ rule, remaining: rule.count ?? 1 });
  }

  /** Answer the next packet(s) with a transport error (-404, -429...) and close. */
  transportError(rule: ResponseRule & { code: number }): void {
    this.transportErrors.push({ rule, remaining: rule.count ?? 1 });
  }

  /**
   * Refuse the next request(s) to a method with 420 FLOOD_WAIT_X before running them: the
   * counters show them received and failed, never executed.
   */
  floodWait(rule: FloodWaitRule): void {
    if (!Number.isInteger(rule.seconds) || rule.seconds < 0) {
      throw new TestServerConfigError('floodWait needs whole seconds ≥ 0');
    }
    this.floodWaits.push({ rule, remaining: rule.count ?? 1 });
  }

  clear(): void {
    this.floodWaits = [];
    this.drops = [];
    this.dropOnAnswer = [];
    this.delays = [];
    this.stalls = [];
    this.badSalts = [];
    this.wrongMsgKeys = [];
    this.duplicates = [];
    this.transportErrors = [];
    this.releaseStalled();
  }

  // --- hooks the protocol layer calls ---

  claimConnectionFaults(dcId: number): ConnectionFaults | undefined {
    const armed = take(this.drops, dcId, undefined);
    return armed
      ? {
          afterMessages: armed.afterMessages,
          afterBytes: armed.afterBytes,
          atHandshakeStep: armed.atHandshakeStep,
        }
      : undefined;
  }

  takeDropBeforeAnswer(dcId: number, method: string): boolean {
    return take(this.dropOnAnswer, dcId, method) !== undefined;
  }

  takeDelayMs(dcId: number, method: string): number | undefined {
    return take(this.delays, dcId, method)?.delayMs;
  }

  takeStall(dcId: number, method: string): boolean {
    return take(this.stalls, dcId, method) !== undefined;
  }

  onRelease(release: () => void): void {
    this.stalledReleases.push(release);
  }

  takeBadSalt(dcId: number, method: string): boolean {
    return take(this.badSalts, dcId, method) !== undefined;
  }

  takeWrongMsgKey(dcId: number): boolean {
    return take(this.wrongMsgKeys, dcId, undefined) !== undefined;
  }

  takeDuplicate(dcId: number): boolean {
    return take(this.duplicates, dcId, undefined) !== undefined;
  }

  takeFloodWaitSeconds(dcId: number, method: string): number | undefined {
    return take(this.floodWaits, dcId, method)?.seconds;
  }

  takeTransportError(dcId: number): number | undefined {
    return take(this.transportErrors, dcId, undefined)?.code;
  }
}

function take<T extends { dcId?: number; method?: string }>(
  list: Armed<T>[],
  dcId: number,
  method: string | undefined,
): T | undefined {
  const index = list.findIndex(
    (a) =>
      (a.rule.dcId === undefined || a.rule.dcId === dcId) &&
      (a.rule.method === undefined || a.rule.method === method),
  );
  if (index < 0) return undefined;
  const armed = list[index];
  armed.remaining--;
  if (armed.remaining <= 0) list.splice(index, 1);
  return armed.rule;
}
