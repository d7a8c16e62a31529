/**
 * The simulated floor: agents on real WebSockets driving the desk API, a wallboard socket, and the
 * caller side placing calls at a steady rate.
 *
 * Each agent loops: PUT ready → offer on the socket → accept → not ready (break) → talk 1–3 s →
 * hang up → wrap up (resolved) → pause → PUT ready. The pauses are sized so that agents become
 * ready a little slower than calls arrive (see `cycleMs`), and the first agents go ready a moment
 * after the first calls: calls wait, and most offers follow an agent saying "ready" while a call
 * waits, which is the latency the benchmark is about.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { ApiClient } from './http.ts';
import type { SeededAgent } from './seed.ts';

export interface FloorOptions {
  wsUrl: string;
  baseUrl: string;
  /** The telephony side: places the calls with the supervisor's token. */
  callsApi: ApiClient;
  queue: string;
  talkMs: [number, number];
  /** Mean time from one PUT ready of an agent to its next: agents × 1000 / (ready rate per second). */
  cycleMs: number;
  /** When the first agents may go ready, after the first call is placed. */
  headStartMs: number;
  rng: () => number;
}

/** One PUT ready: when it was sent and when its answer came back (the offer often comes first). */
export interface ReadyRequest {
  sentAt: number;
  doneAt: number | null;
  ok: boolean | null;
}

export interface OfferRecord {
  interactionId: string;
  agent: number;
  at: number;
  ready: ReadyRequest | null;
  /** False when the agent was not waiting in `ready` (a repeat offer, a stray frame). */
  expected: boolean;
}

export interface CallRecord {
  seq: number;
  sentAt: number;
  doneAt: number | null;
  interactionId: string | null;
  error: string | null;
  completedAt: number | null;
}

type Phase = 'connecting' | 'not_ready' | 'ready' | 'handling' | 'paused' | 'stopped';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Floor {
  readonly agents: AgentSim[];
  readonly calls: CallRecord[] = [];
  readonly callsById = new Map<string, CallRecord>();
  readonly offers: OfferRecord[] = [];
  readonly errors = new Map<string, number>();
  readonly cancelled = new Map<string, number>();
  /** Client-side round trips by request kind, in ms. */
  readonly roundTrips = new Map<string, number[]>();
  /** Every interaction offered at least once (an offer may arrive before its call's POST answers). */
  readonly offeredIds = new Set<string>();
  wallboardFrames = 0;
  socketsDropped = 0;
  private wallboard: WebSocket | null = null;
  private completions = 0;
  private aborted = false;
  private completionWaiters: (() => void)[] = [];

  constructor(
    readonly options: FloorOptions,
    seeded: SeededAgent[],
  ) {
    this.agents = seeded.map((s, index) => new AgentSim(this, index, s));
  }

  error(kind: string, detail?: unknown): void {
    this.errors.set(kind, (this.errors.get(kind) ?? 0) + 1);
    if (process.env.BENCH_DEBUG) console.error(`[bench] ${kind}`, detail ?? '');
  }

  /** Opens every agent's socket, `concurrency` at a time; resolves when each has had its hello. */
  async connectAll(concurrency: number): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < this.agents.length) {
        const agent = this.agents[next++]!;
        await agent.connect();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, this.agents.length) }, worker));
  }

  /** A supervisor's wallboard: receives every floor message of the tenant. */
  connectWallboard(token: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.options.wsUrl, { headers: { authorization: `Bearer ${token}` }, perMessageDeflate: false });
      this.wallboard = ws;
      ws.on('message', () => {
        this.wallboardFrames += 1;
        if (this.wallboardFrames === 1) resolve();
      });
      ws.on('error', reject);
      ws.on('close', () => reject(new Error('the wallboard socket closed before its hello')));
    });
  }

  /** Schedules every agent's first ready within the first cycle, after the head start. */
  startAgents(t0: number): void {
    for (const agent of this.agents) {
      const at = t0 + this.options.headStartMs + this.options.rng() * this.options.cycleMs;
      agent.readyAt(at);
    }
  }

  /** Places `total` calls at `ratePerSecond`, each at its own due time from t0 (no drift). */
  async placeCalls(t0: number, ratePerSecond: number, total: number): Promise<void> {
    const interval = 1000 / ratePerSecond;
    const inFlight: Promise<void>[] = [];
    for (let seq = 0; seq < total && !this.aborted; seq += 1) {
      const due = t0 + seq * interval;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      inFlight.push(this.placeCall(seq));
    }
    await Promise.all(inFlight);
  }

  private async placeCall(seq: number): Promise<void> {
    const caller = `+86138${String(Math.floor(this.options.rng() * 1e8)).padStart(8, '0')}`;
    const call: CallRecord = { seq, sentAt: performance.now(), doneAt: null, interactionId: null, error: null, completedAt: null };
    this.calls.push(call);
    try {
      const result = await this.options.callsApi.request<{ interactionId?: string }>('POST', '/api/simulator/calls', {
        queue: this.options.queue,
        caller,
        patienceSeconds: null,
      });
      call.sentAt = result.sentAt;
      call.doneAt = result.doneAt;
      this.roundTrip('POST /api/simulator/calls', result.doneAt - result.sentAt);
      if (result.status !== 201 || !result.body.interactionId) {
        call.error = `HTTP ${result.status}`;
        this.error('place_call', result.body);
        return;
      }
      call.interactionId = result.body.interactionId;
      this.callsById.set(call.interactionId, call);
    } catch (error) {
      call.error = String(error);
      this.error('place_call', error);
    }
  }

  roundTrip(label: string, ms: number): void {
    const list = this.roundTrips.get(label);
    if (list) list.push(ms);
    else this.roundTrips.set(label, [ms]);
  }

  offered(record: OfferRecord): void {
    this.offers.push(record);
    this.offeredIds.add(record.interactionId);
  }

  completed(interactionId: string): void {
    const call = this.callsById.get(interactionId);
    if (call && call.completedAt === null) {
      call.completedAt = performance.now();
      this.completions += 1;
      for (const wake of this.completionWaiters.splice(0)) wake();
    }
  }

  /**
   * Waits until every placed call was wrapped up by an agent, or the timeout. When nothing has
   * finished for a few seconds, asks `allSettled` (the export) whether the calls still pending have
   * ended on the server without an agent; then there is nothing left to wait for. Returns how many
   * placed calls no agent wrapped up.
   */
  async drain(timeoutMs: number, allSettled: (pending: string[]) => Promise<boolean>): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    const placed = () => this.calls.filter((c) => c.interactionId !== null).length;
    let lastProgress = performance.now();
    let lastCount = this.completions;
    while (this.completions < placed() && performance.now() < deadline && !this.aborted) {
      await Promise.race([new Promise<void>((resolve) => this.completionWaiters.push(resolve)), sleep(500)]);
      if (this.completions !== lastCount) {
        lastCount = this.completions;
        lastProgress = performance.now();
      } else if (performance.now() - lastProgress > 5_000) {
        const pending = this.calls.filter((c) => c.interactionId !== null && c.completedAt === null).map((c) => c.interactionId!);
        if (await allSettled(pending)) break;
        lastProgress = performance.now();
      }
    }
    return placed() - this.completions;
  }

  /** Ends a drain at once (the server went away). */
  abort(): void {
    this.aborted = true;
    for (const wake of this.completionWaiters.splice(0)) wake();
  }

  /** Stops every agent's loop and closes all sockets. */
  async stop(): Promise<void> {
    for (const agent of this.agents) agent.stop();
    this.wallboard?.close();
    await sleep(100);
  }
}

class AgentSim {
  private ws: WebSocket | null = null;
  private phase: Phase = 'connecting';
  private ready: ReadyRequest | null = null;
  private timer: NodeJS.Timeout | null = null;
  private current: string | null = null;
  private readonly http: ApiClient;

  constructor(
    private readonly floor: Floor,
    private readonly index: number,
    private readonly seeded: SeededAgent,
  ) {
    this.http = new ApiClient(floor.options.baseUrl, seeded.token);
  }

  /** Opens the desktop's socket, waits for its hello, then opens its HTTP connection with a first state read. */
  async connect(): Promise<void> {
    await this.openSocket();
    const state = await this.http.request('GET', '/api/agent/state');
    if (state.status !== 200) throw new Error(`agent ${this.seeded.username}: GET /api/agent/state answered ${state.status}`);
  }

  private openSocket(): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.floor.options.wsUrl, {
        headers: { authorization: `Bearer ${this.seeded.token}` },
        perMessageDeflate: false,
        handshakeTimeout: 30_000,
      });
      this.ws = ws;
      let greeted = false;
      ws.on('message', (data) => {
        const at = performance.now();
        const message = JSON.parse(String(data)) as { type: string; agentId?: string; interactionId?: string; reason?: string };
        if (message.type === 'hello') {
          greeted = true;
          this.phase = 'not_ready';
          resolve();
          return;
        }
        if (message.agentId !== this.seeded.userId) return;
        if (message.type === 'offer') this.onOffer(message.interactionId!, at);
        else if (message.type === 'offer_cancelled') this.floor.cancelled.set(message.reason ?? '?', (this.floor.cancelled.get(message.reason ?? '?') ?? 0) + 1);
      });
      ws.on('error', (error) => {
        if (!greeted) reject(new Error(`agent ${this.seeded.username}: ${error.message}`));
      });
      ws.on('close', (code) => {
        if (!greeted) reject(new Error(`agent ${this.seeded.username}: socket closed (${code}) before its hello`));
        else if (this.phase !== 'stopped') {
          this.floor.socketsDropped += 1;
          this.floor.error('socket_closed', code);
        }
      });
    });
  }

  readyAt(at: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.phase = 'paused';
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.goReady();
    }, Math.max(0, at - performance.now()));
  }

  stop(): void {
    this.phase = 'stopped';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.ws?.close();
    this.http.close();
  }

  private async goReady(): Promise<void> {
    if (this.phase === 'stopped') return;
    this.phase = 'ready';
    const ready: ReadyRequest = { sentAt: performance.now(), doneAt: null, ok: null };
    this.ready = ready;
    try {
      const result = await this.api('PUT', '/api/agent/state', { presence: 'ready' });
      ready.sentAt = result.sentAt;
      ready.doneAt = result.doneAt;
      ready.ok = result.status === 200;
      if (!ready.ok) {
        this.floor.error(`ready_http_${result.status}`, result.body);
        await this.recover();
      }
    } catch (error) {
      ready.ok = false;
      this.floor.error('ready_failed', error);
      await this.recover();
    }
  }

  private onOffer(interactionId: string, at: number): void {
    const expected = this.phase === 'ready';
    this.floor.offered({ interactionId, agent: this.index, at, ready: expected ? this.ready : null, expected });
    if (!expected) this.floor.error('unexpected_offer', { phase: this.phase, interactionId });
    // One voice call at a time: a second offer while handling one would be a router bug; let it ring out.
    if (this.phase === 'handling' || this.phase === 'stopped') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.phase = 'handling';
    this.current = interactionId;
    void this.handle(interactionId);
  }

  private async handle(id: string): Promise<void> {
    const { talkMs, rng } = this.floor.options;
    try {
      const accepted = await this.api('POST', `/api/interactions/${id}/accept`);
      if (accepted.status !== 204) {
        this.floor.error(`accept_http_${accepted.status}`, accepted.body);
        return await this.recover();
      }
      const talk = sleep(talkMs[0] + rng() * (talkMs[1] - talkMs[0]));
      // The agent asks for a break now, so the end of this call does not make them available at once.
      const notReady = await this.api('PUT', '/api/agent/state', { presence: 'not_ready', reason: 'break' });
      if (notReady.status !== 200) this.floor.error(`not_ready_http_${notReady.status}`, notReady.body);
      await talk;
      const hungUp = await this.api('POST', `/api/interactions/${id}/hangup`);
      if (hungUp.status !== 204) {
        this.floor.error(`hangup_http_${hungUp.status}`, hungUp.body);
        return await this.recover();
      }
      const wrapped = await this.api('POST', `/api/interactions/${id}/wrap-up`, { disposition: 'resolved' });
      if (wrapped.status !== 204) {
        this.floor.error(`wrap_up_http_${wrapped.status}`, wrapped.body);
        return await this.recover();
      }
      this.floor.completed(id);
      this.current = null;
      this.pause();
    } catch (error) {
      this.floor.error('handle_failed', error);
      await this.recover();
    }
  }

  /** After an unexpected answer: read the state the server holds and carry on from there. */
  private async recover(): Promise<void> {
    if (this.phase === 'stopped') return;
    try {
      const result = await this.api<{ state: { presence: string; work: { interactionId: string; phase: string }[] } | null }>('GET', '/api/agent/state');
      const state = result.body.state;
      for (const item of state?.work ?? []) {
        if (item.phase === 'busy') await this.api('POST', `/api/interactions/${item.interactionId}/hangup`);
        if (item.phase === 'busy' || item.phase === 'wrap_up') {
          const wrapped = await this.api('POST', `/api/interactions/${item.interactionId}/wrap-up`, { disposition: 'resolved' });
          if (wrapped.status === 204) this.floor.completed(item.interactionId);
        }
      }
      this.current = null;
      if (state?.presence === 'ready') {
        this.phase = 'ready';
        return;
      }
    } catch (error) {
      this.floor.error('recover_failed', error);
    }
    this.pause();
  }

  private pause(): void {
    if (this.phase === 'stopped') return;
    const { cycleMs, talkMs, rng } = this.floor.options;
    // What is left of the cycle after an average call, spread ±30 % so agents do not march in step
    // (and stay under the server's 72 s keep-alive timeout at the full run's ~50 s mean pause).
    const meanPause = Math.max(200, cycleMs - (talkMs[0] + talkMs[1]) / 2);
    this.readyAt(performance.now() + meanPause * (0.7 + 0.6 * rng()));
  }

  private async api<T = unknown>(method: string, path: string, body?: unknown) {
    const result = await this.http.request<T>(method, path, body);
    this.floor.roundTrip(requestLabel(method, path, body), result.doneAt - result.sentAt);
    return result;
  }
}

/** "PUT /api/agent/state ready", "POST /api/interactions/:id/accept", … */
function requestLabel(method: string, path: string, body: unknown): string {
  const route = path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, ':id');
  const presence = body && typeof body === 'object' && 'presence' in body ? ` ${String(body.presence)}` : '';
  return `${method} ${route}${presence}`;
}
