/**
 * The simulator as a telephony adapter, in real time: simulated callers dial a hotline, press the
 * keys they were given, wait with limited patience and talk for a while. Their behaviour runs on
 * ordinary timers because it is the simulated outside world, not platform state: a restart simply
 * ends the simulated calls, exactly as a real switch restart would drop real ones.
 */
import { randomUUID } from 'node:crypto';
import type { CollectRequest, SpokenPrompt, TelephonyEvent, TelephonyPort } from './port.ts';

export interface CallerBehaviour {
  /** Keys pressed at each successive `collect`, e.g. ['1', '1']; when they run out the caller stays silent. */
  digits: string[];
  /** How long the caller waits for an agent before hanging up; null waits forever. */
  patienceMs: number | null;
  /** How long the caller talks once connected before hanging up; null leaves it to the agent. */
  talkMs: number | null;
  /** Delay before answering a prompt with keys, standing in for listening to it. */
  thinkMs?: number;
}

interface SimulatedCall {
  behaviour: CallerBehaviour;
  /** Every prompt played to the caller, in order: what a real caller would have heard. */
  heard: SpokenPrompt[];
  nextDigit: number;
  timers: Set<NodeJS.Timeout>;
}

export class SimulatedTelephony implements TelephonyPort {
  readonly simulated = true;
  private readonly listeners: ((event: TelephonyEvent) => void)[] = [];
  private readonly calls = new Map<string, SimulatedCall>();

  onEvent(listener: (event: TelephonyEvent) => void): void {
    this.listeners.push(listener);
  }

  /** A simulated caller dials `hotline`; returns the interaction id the call will have. */
  dial(hotline: string, caller: string, behaviour: CallerBehaviour): string {
    const interactionId = randomUUID();
    const call: SimulatedCall = { behaviour, heard: [], nextDigit: 0, timers: new Set() };
    this.calls.set(interactionId, call);
    if (behaviour.patienceMs !== null) this.later(interactionId, behaviour.patienceMs, () => this.hangUpAsCaller(interactionId));
    this.later(interactionId, 0, () => this.emit({ type: 'call_arrived', interactionId, hotline, caller, at: Date.now() }));
    return interactionId;
  }

  /** A simulated caller already connected by other means (a test call straight to a queue). */
  adopt(behaviour: CallerBehaviour): string {
    const interactionId = randomUUID();
    this.calls.set(interactionId, { behaviour, heard: [], nextDigit: 0, timers: new Set() });
    if (behaviour.patienceMs !== null) this.later(interactionId, behaviour.patienceMs, () => this.hangUpAsCaller(interactionId));
    return interactionId;
  }

  /** Calls still in progress: the demo keeps its traffic within bounds with it. */
  get activeCalls(): number {
    return this.calls.size;
  }

  async answer(): Promise<void> {}

  async play(interactionId: string, prompts: SpokenPrompt[]): Promise<void> {
    this.calls.get(interactionId)?.heard.push(...prompts);
  }

  /** What the simulated caller of a call in progress has heard so far. */
  transcript(interactionId: string): string[] {
    return this.calls.get(interactionId)?.heard.map((p) => p.text) ?? [];
  }

  async collect(interactionId: string, request: CollectRequest): Promise<void> {
    const call = this.calls.get(interactionId);
    if (!call) return;
    call.heard.push(...request.prompts);
    const digits = call.behaviour.digits[call.nextDigit];
    call.nextDigit += 1;
    if (digits === undefined) {
      this.later(interactionId, request.timeoutSeconds * 1000, () => this.emit({ type: 'no_input', interactionId, at: Date.now() }));
    } else {
      this.later(interactionId, call.behaviour.thinkMs ?? 200, () => this.emit({ type: 'dtmf', interactionId, digits, at: Date.now() }));
    }
  }

  async bridge(interactionId: string): Promise<void> {
    const call = this.calls.get(interactionId);
    if (!call) return;
    // Connected: patience no longer matters; the conversation lasts as long as the caller talks.
    this.clearTimers(call);
    if (call.behaviour.talkMs !== null) this.later(interactionId, call.behaviour.talkMs, () => this.hangUpAsCaller(interactionId));
  }

  async hold(): Promise<void> {}

  async resume(): Promise<void> {}

  async conference(): Promise<void> {}

  async hangup(interactionId: string): Promise<void> {
    const call = this.calls.get(interactionId);
    if (!call) return;
    this.clearTimers(call);
    this.calls.delete(interactionId);
  }

  /** Ends every simulated call without telling anyone: the process is stopping. */
  stop(): void {
    for (const call of this.calls.values()) this.clearTimers(call);
    this.calls.clear();
  }

  private hangUpAsCaller(interactionId: string): void {
    const call = this.calls.get(interactionId);
    if (!call) return;
    this.clearTimers(call);
    this.calls.delete(interactionId);
    this.emit({ type: 'hung_up', interactionId, at: Date.now() });
  }

  private later(interactionId: string, ms: number, run: () => void): void {
    const call = this.calls.get(interactionId);
    if (!call) return;
    const timer = setTimeout(() => {
      call.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    call.timers.add(timer);
  }

  private clearTimers(call: SimulatedCall): void {
    for (const timer of call.timers) clearTimeout(timer);
    call.timers.clear();
  }

  private emit(event: TelephonyEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
