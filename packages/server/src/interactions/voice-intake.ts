/**
 * Voice intake: answers calls from the telephony port, walks the hotline's IVR flow with the pure
 * interpreter (prompts, menus, self-service lookups, calendars, the emergency announcement), and
 * hands the caller to the ACD, or records what the IVR did with the call (voicemail, callback
 * request, hang-up, abandon in the IVR).
 *
 * A call's IVR position lives in memory while the caller is in the menus: after a crash the switch
 * drops those calls anyway. Once queued, the call is an interaction in storage like any other.
 */
import { findCustomerByPhone } from '../crm/repository.ts';
import { type IvrState, exitRecord, next, start } from '../ivr/interpreter.ts';
import type { IvrInput, RenderedPrompt } from '../ivr/interpreter.ts';
import { findCalendar, findFlowVersion, findHotlineByNumber } from '../ivr/repository.ts';
import type { AppContext } from '../platform/context.ts';
import { findQueueByCode } from '../routing/repository.ts';
import type { SpokenPrompt, TelephonyEvent, TelephonyPort } from '../telephony/port.ts';
import type { ContactCenter } from './contact-center.ts';

interface CallInIvr {
  tenantId: string;
  hotline: string;
  caller: string;
  state: IvrState;
}

export class VoiceIntake {
  private readonly inIvr = new Map<string, CallInIvr>();
  /** Calls handed to the ACD, by interaction id, so a later hang-up reaches the right tenant. */
  private readonly handedOver = new Map<string, string>();
  /** Events of one call are handled one after another. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: AppContext,
    private readonly contacts: ContactCenter,
    private readonly port: TelephonyPort,
    private readonly onError: (error: unknown) => void,
  ) {
    port.onEvent((event) => this.enqueue(event));
    contacts.attachVoice(port);
  }

  /** The tenant a call in progress belongs to, for callers that only know its id. */
  tenantOf(interactionId: string): string | undefined {
    return this.inIvr.get(interactionId)?.tenantId ?? this.handedOver.get(interactionId);
  }

  private enqueue(event: TelephonyEvent): void {
    const id = event.interactionId;
    const run = (this.chains.get(id) ?? Promise.resolve()).then(() => this.handle(event)).catch(this.onError);
    this.chains.set(id, run);
    void run.finally(() => {
      if (this.chains.get(id) === run) this.chains.delete(id);
    });
  }

  private async handle(event: TelephonyEvent): Promise<void> {
    const now = this.ctx.clock.now();
    switch (event.type) {
      case 'call_arrived':
        return this.arrive(event.interactionId, event.hotline, event.caller, now);
      case 'dtmf':
        return this.advance(event.interactionId, { type: 'digits', digits: event.digits });
      case 'no_input':
        return this.advance(event.interactionId, { type: 'timeout' });
      case 'hung_up': {
        if (this.inIvr.has(event.interactionId)) return this.advance(event.interactionId, { type: 'caller_hangup' });
        const tenantId = this.handedOver.get(event.interactionId);
        this.handedOver.delete(event.interactionId);
        if (tenantId) await this.contacts.customerLeft(tenantId, event.interactionId);
        return;
      }
    }
  }

  private async arrive(interactionId: string, number: string, caller: string, now: number): Promise<void> {
    const db = this.ctx.database.db;
    const hotline = await findHotlineByNumber(db, number);
    const flow = hotline && (await findFlowVersion(db, hotline.id, hotline.activeVersion));
    if (!hotline || !flow) {
      // A number nobody configured: nothing to answer it with.
      await this.port.hangup(interactionId);
      return;
    }
    const calendar = hotline.config.calendarId ? ((await findCalendar(db, hotline.tenantId, hotline.config.calendarId)) ?? null) : null;
    const state = start(flow.flow, { callId: interactionId, callerNumber: caller }, now, { config: hotline.config, calendar });
    this.inIvr.set(interactionId, { tenantId: hotline.tenantId, hotline: number, caller, state });
    await this.port.answer(interactionId);
    await this.drive(interactionId);
  }

  private async advance(interactionId: string, input: IvrInput): Promise<void> {
    const call = this.inIvr.get(interactionId);
    if (!call) return;
    call.state = next(call.state, input, this.ctx.clock.now());
    await this.drive(interactionId);
  }

  /** Carries out the interpreter's actions until it waits for the caller or the IVR ends. */
  private async drive(interactionId: string): Promise<void> {
    const call = this.inIvr.get(interactionId)!;
    for (;;) {
      const action = call.state.action;
      switch (action.type) {
        case 'collect_digits':
          await this.port.collect(interactionId, {
            prompts: spoken(action.prompts),
            minDigits: action.minDigits,
            maxDigits: action.maxDigits,
            terminator: action.terminator,
            timeoutSeconds: action.timeoutSeconds,
          });
          return;
        case 'lookup': {
          await this.port.play(interactionId, spoken(action.prompts));
          call.state = next(call.state, await this.lookup(call, action.lookup), this.ctx.clock.now());
          continue;
        }
        case 'route':
          await this.port.play(interactionId, spoken(action.prompts));
          return this.handOver(interactionId, call, action.target.kind === 'queue' ? action.target.queueId : null);
        case 'voicemail':
        case 'callback':
        case 'hangup':
          await this.port.play(interactionId, spoken(action.prompts));
          await this.finishInIvr(interactionId, call, action.type);
          await this.port.hangup(interactionId);
          return;
        case 'abandoned':
          return this.finishInIvr(interactionId, call, 'abandoned');
      }
    }
  }

  private async lookup(call: CallInIvr, kind: 'customer_by_caller' | 'ticket_status'): Promise<IvrInput> {
    if (kind === 'customer_by_caller') {
      const customer = call.caller ? await findCustomerByPhone(this.ctx.database.db, call.tenantId, call.caller) : undefined;
      return customer ? { type: 'lookup_result', found: true, values: { name: customer.name, tier: customer.vip ? 'vip' : 'regular' } } : { type: 'lookup_result', found: false };
    }
    // Work-order status arrives with the work-order capability; until then no ticket is found.
    return { type: 'lookup_result', found: false };
  }

  private async handOver(interactionId: string, call: CallInIvr, queueCode: string | null): Promise<void> {
    this.inIvr.delete(interactionId);
    const record = exitRecord(call.state);
    const queue = queueCode ? await findQueueByCode(this.ctx.database.db, call.tenantId, queueCode) : undefined;
    if (!queue || !record) {
      // Transfers to a named agent arrive with the SIP work; an unknown queue cannot happen with a validated flow.
      await this.finishInIvr(interactionId, call, 'hangup');
      await this.port.hangup(interactionId);
      return;
    }
    this.handedOver.set(interactionId, call.tenantId);
    await this.contacts.arrive({
      id: interactionId,
      tenantId: call.tenantId,
      channel: 'voice',
      address: call.caller || null,
      hotline: call.hotline,
      queueId: queue.id,
      priority: call.state.routing.priority,
      ivr: { enteredAt: record.enteredAt, exitedAt: record.exitedAt, path: ivrPath(call.state) },
      simulated: this.port.simulated,
    });
    await this.announcePosition(interactionId, call.state.routing.language);
  }

  /** Tells a waiting caller how many are ahead and roughly how long it will take. */
  private async announcePosition(interactionId: string, language: 'zh-CN' | 'en'): Promise<void> {
    const place = this.contacts.position(interactionId);
    if (!place || place.position <= 1) return;
    const ahead = place.position - 1;
    const minutes = place.estimatedWaitMs === null ? null : Math.max(1, Math.round(place.estimatedWaitMs / 60_000));
    const text =
      language === 'en'
        ? `There ${ahead === 1 ? 'is 1 caller' : `are ${ahead} callers`} ahead of you.${minutes ? ` The expected wait is about ${minutes} minute${minutes === 1 ? '' : 's'}.` : ''}`
        : `您前面还有${ahead}位客户${minutes ? `，预计等待约${minutes}分钟` : ''}，请耐心等候。`;
    await this.port.play(interactionId, [{ text, language, audioFileId: null }]);
  }

  /** A test call that skips the IVR and waits in a queue straight away (supervisors check a queue with it). */
  async connectToQueue(interactionId: string, tenantId: string, caller: string | null, queueId: string): Promise<void> {
    this.handedOver.set(interactionId, tenantId);
    await this.contacts.arrive({ id: interactionId, tenantId, channel: 'voice', address: caller, queueId, simulated: this.port.simulated });
  }

  private async finishInIvr(interactionId: string, call: CallInIvr, outcome: 'voicemail' | 'callback' | 'hangup' | 'abandoned'): Promise<void> {
    this.inIvr.delete(interactionId);
    const record = exitRecord(call.state);
    const now = this.ctx.clock.now();
    await this.contacts.recordIvrOnly({
      id: interactionId,
      tenantId: call.tenantId,
      address: call.caller || null,
      hotline: call.hotline,
      ivr: { enteredAt: record?.enteredAt ?? now, exitedAt: record?.exitedAt ?? now, path: ivrPath(call.state) },
      outcome,
      simulated: this.port.simulated,
    });
  }
}

/** The menu path as stored with the interaction: node ids with the key pressed, e.g. "main:1". */
function ivrPath(state: IvrState): string[] {
  return state.path.map((step) => (step.input ? `${step.nodeId}:${step.input}` : step.nodeId));
}

function spoken(prompts: RenderedPrompt[]): SpokenPrompt[] {
  return prompts.map((p) => ({ text: p.text, language: p.language, audioFileId: p.audioFileId }));
}
