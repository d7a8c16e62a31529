import { describe, expect, it } from 'vitest';
import { epochOfLocal } from './calendar.ts';
import { defaultChinaCalendar2026 } from './china-holidays.ts';
import { demoPropertyHotline } from './demo-flows.ts';
import { IVR_MAX_STEPS, exitRecord, next, start, type CallContext, type HotlineContext, type IvrAction, type IvrInput, type IvrState } from './interpreter.ts';
import { parseFlow, parseHotlineConfig, type IvrFlow } from './schemas.ts';

const NOW = Date.UTC(2026, 2, 2, 2, 0); // Monday 10:00 in Shanghai
const CALL: CallContext = { callId: 'call-1', callerNumber: '13912345678' };
const zh = (text: string, en?: string) => ({ text: en ? { 'zh-CN': text, en } : { 'zh-CN': text } });
const queue = (queueId: string) => ({ type: 'transfer', target: { kind: 'queue', queueId } });

function flowOf(nodes: Record<string, unknown>, entry = 'main'): IvrFlow {
  return parseFlow({ hotline: '4008001234', version: 3, entry, nodes });
}

const digits = (value: string): IvrInput => ({ type: 'digits', digits: value });
const timeout: IvrInput = { type: 'timeout' };

/** Feeds inputs one second apart. */
function feed(state: IvrState, ...inputs: IvrInput[]): IvrState {
  return inputs.reduce((current, input, index) => next(current, input, NOW + (index + 1) * 1000), state);
}

function promptTexts(action: IvrAction): string[] {
  return 'prompts' in action ? action.prompts.map((prompt) => prompt.text) : [];
}

const menuFlow = flowOf(
  {
    welcome: { type: 'play', prompt: zh('欢迎致电'), next: 'main' },
    main: {
      type: 'menu',
      prompt: zh('报修请按1，投诉请按2'),
      options: [
        { digit: '1', next: 'repair_skill' },
        { digit: '2', next: 'to_complaint' },
      ],
      retries: 2,
      timeoutSeconds: 4,
      noInputPrompt: zh('没有收到您的选择'),
      invalidPrompt: zh('输入有误'),
      onNoInput: 'to_general',
      onInvalid: 'goodbye',
    },
    repair_skill: { type: 'set', skills: [{ skill: 'plumbing', minLevel: 3 }], priority: 5, next: 'repair_lang' },
    repair_lang: { type: 'set', skills: [{ skill: 'plumbing', minLevel: 2 }, { skill: 'electric' }], attributes: { area: 'north' }, next: 'to_repair' },
    to_repair: { ...queue('repair'), prompt: zh('正在转接') },
    to_complaint: queue('complaint'),
    to_general: queue('general'),
    goodbye: { type: 'hangup', prompt: zh('再见') },
  },
  'welcome',
);

describe('menus', () => {
  it('plays the passed prompts with the menu, then routes with the attributes of the set nodes passed', () => {
    const first = start(menuFlow, CALL, NOW);
    expect(first.action).toMatchObject({ type: 'collect_digits', nodeId: 'main', minDigits: 1, maxDigits: 1, terminator: null, timeoutSeconds: 4, attempt: 0 });
    expect(promptTexts(first.action)).toEqual(['欢迎致电', '报修请按1，投诉请按2']);

    const routed = feed(first, digits('1'));
    expect(routed.action).toEqual({
      type: 'route',
      nodeId: 'to_repair',
      prompts: [{ source: 'to_repair', language: 'zh-CN', text: '正在转接', audioFileId: null }],
      target: { kind: 'queue', queueId: 'repair' },
      routing: { skills: [{ skill: 'plumbing', minLevel: 2 }, { skill: 'electric', minLevel: 1 }], priority: 5, language: 'zh-CN', attributes: { area: 'north' } },
    });
    expect(routed.outcome).toEqual({ kind: 'queue', reason: 'flow', nodeId: 'to_repair' });
    expect(routed.exitedAt).toBe(NOW + 1000);
  });

  it('re-prompts after a timeout and a wrong key, then takes the no-input exit when retries run out', () => {
    let state = start(menuFlow, CALL, NOW);
    state = feed(state, timeout);
    expect(state.action).toMatchObject({ type: 'collect_digits', nodeId: 'main', attempt: 1 });
    expect(promptTexts(state.action)).toEqual(['没有收到您的选择', '报修请按1，投诉请按2']);
    state = next(state, digits('7'), NOW + 2000);
    expect(state.action).toMatchObject({ attempt: 2 });
    expect(promptTexts(state.action)).toEqual(['输入有误', '报修请按1，投诉请按2']);
    state = next(state, timeout, NOW + 3000);
    expect(state.action).toMatchObject({ type: 'route', target: { queueId: 'general' } });
    expect(exitRecord(state)!.menuPath).toBe('main:timeout > main:7 > main:timeout');
  });

  it('takes the invalid exit when the last failure was a wrong key, and a right key on the last try still counts', () => {
    const invalid = feed(start(menuFlow, CALL, NOW), digits('9'), timeout, digits('#'));
    expect(invalid.action).toMatchObject({ type: 'hangup', nodeId: 'goodbye' });
    expect(promptTexts(invalid.action)).toEqual(['再见']);
    const late = feed(start(menuFlow, CALL, NOW), timeout, timeout, digits('2'));
    expect(late.outcome).toEqual({ kind: 'queue', reason: 'flow', nodeId: 'to_complaint' });
  });

  it('uses only the first key when several arrive', () => {
    expect(feed(start(menuFlow, CALL, NOW), digits('21')).outcome?.nodeId).toBe('to_complaint');
  });
});

describe('collecting digits', () => {
  const collectFlow = flowOf({
    main: {
      type: 'collect',
      prompt: zh('请输入工单号，以井号键结束'),
      variable: 'ticketNumber',
      minDigits: 6,
      maxDigits: 10,
      retries: 1,
      invalidPrompt: zh('工单号为6到10位'),
      next: 'confirm',
      onNoInput: 'to_general',
      onInvalid: 'to_general',
    },
    confirm: { type: 'play', prompt: zh('您输入的是{ticketNumber}'), next: 'to_general' },
    to_general: queue('general'),
  });

  it('stores the digits before the terminator in the variable and fills placeholders with it', () => {
    const first = start(collectFlow, CALL, NOW);
    expect(first.action).toMatchObject({ type: 'collect_digits', minDigits: 6, maxDigits: 10, terminator: '#', timeoutSeconds: 10 });
    const done = feed(first, digits('20260042#'));
    expect(done.variables.ticketNumber).toBe('20260042');
    expect(promptTexts(done.action)).toEqual(['您输入的是20260042']);
    // The path says digits were collected but never records them.
    expect(done.path.map((step) => [step.nodeId, step.input])).toEqual([
      ['main', 'collected'],
      ['confirm', null],
      ['to_general', null],
    ]);
  });

  it('accepts an entry ended by maxDigits without a terminator', () => {
    expect(feed(start(collectFlow, CALL, NOW), digits('1234567890')).variables.ticketNumber).toBe('1234567890');
  });

  it('re-prompts a too-short entry and gives up after the retries', () => {
    const retried = feed(start(collectFlow, CALL, NOW), digits('123#'));
    expect(retried.action).toMatchObject({ type: 'collect_digits', attempt: 1 });
    expect(promptTexts(retried.action)[0]).toBe('工单号为6到10位');
    const failed = feed(retried, digits('12345678901'));
    expect(failed.outcome?.nodeId).toBe('to_general');
    expect(failed.variables.ticketNumber).toBeUndefined();
    expect(failed.path.map((step) => step.input)).toEqual(['invalid', 'invalid', null]);
  });

  it('counts a bare terminator as no input', () => {
    const state = feed(start(collectFlow, CALL, NOW), digits('#'));
    expect(state.path[0]!.input).toBe('timeout');
  });
});

describe('branches', () => {
  const branchFlow = flowOf({
    main: {
      type: 'branch',
      rules: [
        { label: 'vip', conditions: [{ operator: 'in', variable: 'caller.tier', values: ['vip', 'gold'] }], next: 'to_vip' },
        {
          conditions: [
            { operator: 'regex', variable: 'caller.number', pattern: '^1[3-9]\\d{9}$' },
            { operator: 'neq', variable: 'caller.region', value: 'overseas' },
          ],
          next: 'to_mobile',
        },
        { conditions: [{ operator: 'exists', variable: 'caller.region' }], next: 'to_region' },
        { conditions: [{ operator: 'eq', variable: 'caller.hotline', value: '4008001234' }], next: 'to_hotline' },
      ],
      otherwise: 'to_general',
    },
    to_vip: queue('vip'),
    to_mobile: queue('mobile'),
    to_region: queue('region'),
    to_hotline: queue('hotline'),
    to_general: queue('general'),
  });
  const routeOf = (call: CallContext) => start(branchFlow, call, NOW);

  it('takes the first rule whose conditions all hold', () => {
    expect(routeOf({ ...CALL, attributes: { tier: 'gold' } }).outcome?.nodeId).toBe('to_vip');
    expect(routeOf(CALL).outcome?.nodeId).toBe('to_mobile');
    expect(routeOf({ ...CALL, attributes: { region: 'overseas' } }).outcome?.nodeId).toBe('to_region');
    expect(routeOf({ ...CALL, callerNumber: '02112345678' }).outcome?.nodeId).toBe('to_hotline');
    expect(routeOf(CALL).path[0]).toEqual({ nodeId: 'main', type: 'branch', at: NOW, input: 'rule 2' });
    expect(routeOf({ ...CALL, attributes: { tier: 'vip' } }).path[0]!.input).toBe('vip');
  });

  it('goes to otherwise when no rule holds', () => {
    const otherFlow = parseFlow({ ...branchFlow, hotline: '4008009999' });
    const state = start(otherFlow, { ...CALL, callerNumber: '' }, NOW);
    expect(state.outcome?.nodeId).toBe('to_general');
    expect(state.path[0]!.input).toBe('otherwise');
  });
});

describe('self-service lookups', () => {
  const lookupFlow = flowOf({
    main: { type: 'lookup', lookup: 'customer_by_caller', onFound: 'greet', onNotFound: 'to_general' },
    greet: { type: 'play', prompt: zh('{customer.name}您好'), next: 'vip' },
    vip: { type: 'branch', rules: [{ conditions: [{ operator: 'eq', variable: 'customer.tier', value: 'vip' }], next: 'boost' }], otherwise: 'to_general' },
    boost: { type: 'set', priority: 9, next: 'to_general' },
    to_general: queue('general'),
  });

  it('asks the port, stores what was found under customer.* and goes on', () => {
    const asked = start(lookupFlow, CALL, NOW);
    expect(asked.action).toEqual({ type: 'lookup', nodeId: 'main', prompts: [], lookup: 'customer_by_caller', input: '13912345678', language: 'zh-CN' });
    const found = next(asked, { type: 'lookup_result', found: true, values: { name: '王先生', tier: 'vip', 'bad key': 'x' } }, NOW + 500);
    expect(found.variables).toMatchObject({ 'customer.name': '王先生', 'customer.tier': 'vip' });
    expect(found.variables['customer.bad key']).toBeUndefined();
    expect(promptTexts(found.action)).toEqual(['王先生您好']);
    expect(found.outcome).toMatchObject({ kind: 'queue', nodeId: 'to_general' });
    expect((found.action as Extract<IvrAction, { type: 'route' }>).routing.priority).toBe(9);
  });

  it('goes to onNotFound when nothing is found or the port times out', () => {
    const asked = start(lookupFlow, CALL, NOW);
    for (const input of [{ type: 'lookup_result', found: false } as const, timeout]) {
      const state = next(asked, input, NOW + 500);
      expect(state.outcome?.nodeId).toBe('to_general');
      expect(state.path[0]!.input).toBe('not_found');
    }
  });

  it('does not ask the port without a caller number, and ignores keys pressed while it looks', () => {
    expect(start(lookupFlow, { ...CALL, callerNumber: '' }, NOW).outcome?.nodeId).toBe('to_general');
    const asked = start(lookupFlow, CALL, NOW);
    expect(next(asked, digits('5'), NOW + 100)).toBe(asked);
  });

  it('looks a ticket up by the collected number', () => {
    const ticketFlow = flowOf({
      main: { type: 'collect', prompt: zh('请输入工单号'), variable: 'ticketNumber', maxDigits: 8, next: 'find', onNoInput: 'bye', onInvalid: 'bye' },
      find: { type: 'lookup', lookup: 'ticket_status', input: 'ticketNumber', onFound: 'status', onNotFound: 'missing' },
      status: { type: 'play', prompt: zh('工单{ticketNumber}状态：{ticket.status}'), next: 'bye' },
      missing: { type: 'play', prompt: zh('未查到工单'), next: 'bye' },
      bye: { type: 'hangup' },
    });
    const asked = feed(start(ticketFlow, CALL, NOW), digits('1234#'));
    expect(asked.action).toMatchObject({ type: 'lookup', lookup: 'ticket_status', input: '1234' });
    const found = next(asked, { type: 'lookup_result', found: true, values: { status: '处理中' } }, NOW + 5000);
    expect(promptTexts(found.action)).toEqual(['工单1234状态：处理中']);
    expect(found.outcome).toEqual({ kind: 'hangup', reason: 'flow', nodeId: 'bye' });
    expect(promptTexts(next(asked, { type: 'lookup_result', found: false }, NOW + 5000).action)).toEqual(['未查到工单']);
  });
});

describe('hotline behaviour', () => {
  const calendar = defaultChinaCalendar2026();
  const emergencyOn = parseHotlineConfig({ ...demoPropertyHotline, emergency: { enabled: true, prompt: zh('紧急通知：今日停水') } });
  const hotline = (config = demoPropertyHotline): HotlineContext => ({ config, calendar });

  it('plays the emergency prompt first, before the greeting and the menu, while it is on', () => {
    const state = start(menuFlow, CALL, NOW, hotline(emergencyOn));
    expect(state.action.type).toBe('collect_digits');
    expect(promptTexts(state.action)).toEqual(['紧急通知：今日停水', '欢迎致电', '报修请按1，投诉请按2']);
    expect((state.action as Extract<IvrAction, { type: 'collect_digits' }>).prompts[0]!.source).toBe('emergency');
    expect(state.emergencyPromptPlayed).toBe(true);
    const off = start(menuFlow, CALL, NOW, hotline());
    expect(promptTexts(off.action)).toEqual(['欢迎致电', '报修请按1，投诉请按2']);
    expect(off.emergencyPromptPlayed).toBe(false);
  });

  it('sends callers out of hours to the configured voicemail, with the emergency prompt first when on', () => {
    const saturdayNight = epochOfLocal('Asia/Shanghai', '2026-03-07', '22:00');
    const state = start(menuFlow, CALL, saturdayNight, hotline(emergencyOn));
    expect(state.action).toMatchObject({ type: 'voicemail', nodeId: null, queueId: 'repair', maxSeconds: 120 });
    expect(promptTexts(state.action)[0]).toBe('紧急通知：今日停水');
    expect(promptTexts(state.action)[1]).toContain('非工作时间');
    expect(state.outcome).toEqual({ kind: 'voicemail', reason: 'out_of_hours', nodeId: null });
    expect(state.path).toEqual([]);
    expect(exitRecord(state)).toMatchObject({ enteredAt: saturdayNight, exitedAt: saturdayNight, menuPath: '' });
  });

  it('treats a public holiday as out of hours and offers the other behaviours', () => {
    const nationalDay = epochOfLocal('Asia/Shanghai', '2026-10-01', '10:00');
    const callback = parseHotlineConfig({ ...demoPropertyHotline, outOfHours: { action: 'callback', prompt: zh('我们会回电') } });
    expect(start(menuFlow, CALL, nationalDay, hotline(callback)).action).toMatchObject({ type: 'callback', callbackNumber: CALL.callerNumber, queueId: null });
    const message = parseHotlineConfig({ ...demoPropertyHotline, outOfHours: { action: 'message', prompt: zh('现在休息') } });
    expect(start(menuFlow, CALL, nationalDay, hotline(message)).action).toEqual({
      type: 'hangup',
      nodeId: null,
      prompts: [{ source: 'out_of_hours', language: 'zh-CN', text: '现在休息', audioFileId: null }],
    });
  });

  it('answers in the hotline default language and switches language on a set node, falling back to zh-CN', () => {
    const english = parseHotlineConfig({ ...demoPropertyHotline, defaultLanguage: 'en' });
    const bilingual = flowOf({
      main: { type: 'play', prompt: zh('欢迎', 'Welcome'), next: 'only_zh' },
      only_zh: { type: 'play', prompt: zh('仅中文'), next: 'to_general' },
      to_general: queue('general'),
    });
    const state = start(bilingual, CALL, NOW, { config: english, calendar: null });
    expect((state.action as Extract<IvrAction, { type: 'route' }>).prompts.map((prompt) => [prompt.language, prompt.text])).toEqual([
      ['en', 'Welcome'],
      ['zh-CN', '仅中文'],
    ]);
    expect((state.action as Extract<IvrAction, { type: 'route' }>).routing.language).toBe('en');
  });

  it('prefers recorded audio in the call language', () => {
    const audioFlow = flowOf({ main: { type: 'hangup', prompt: { text: { 'zh-CN': '再见' }, audio: { 'zh-CN': 'file-7' } } } });
    expect(start(audioFlow, CALL, NOW).action).toMatchObject({ prompts: [{ text: '再见', audioFileId: 'file-7' }] });
  });
});

describe('ending', () => {
  it('records an abandon when the caller hangs up in the IVR and ignores anything after the end', () => {
    const state = feed(start(menuFlow, CALL, NOW), timeout, { type: 'caller_hangup' });
    expect(state.action).toEqual({ type: 'abandoned', nodeId: 'main' });
    expect(state.outcome).toEqual({ kind: 'abandoned', reason: 'caller_hangup', nodeId: 'main' });
    expect(state.exitedAt).toBe(NOW + 2000);
    expect(next(state, digits('1'), NOW + 3000)).toBe(state);
  });

  it('produces the exit record with the menu path only once the IVR is over', () => {
    const running = start(menuFlow, CALL, NOW);
    expect(exitRecord(running)).toBeNull();
    const done = feed(running, digits('3'), digits('1'));
    expect(exitRecord(done)).toEqual({
      callId: 'call-1',
      hotline: '4008001234',
      flowVersion: 3,
      enteredAt: NOW,
      exitedAt: NOW + 2000,
      outcome: { kind: 'queue', reason: 'flow', nodeId: 'to_repair' },
      path: [
        { nodeId: 'welcome', type: 'play', at: NOW, input: null },
        { nodeId: 'main', type: 'menu', at: NOW, input: '3' },
        { nodeId: 'main', type: 'menu', at: NOW + 1000, input: '1' },
        { nodeId: 'repair_skill', type: 'set', at: NOW + 2000, input: null },
        { nodeId: 'repair_lang', type: 'set', at: NOW + 2000, input: null },
        { nodeId: 'to_repair', type: 'transfer', at: NOW + 2000, input: null },
      ],
      menuPath: 'main:3 > main:1',
      emergencyPromptPlayed: false,
      routing: expect.objectContaining({ priority: 5 }),
      variables: { 'caller.number': '13912345678', 'caller.hotline': '4008001234' },
    });
  });

  it('ends a caller circling through menus after IVR_MAX_STEPS', () => {
    const circle = flowOf({
      main: { type: 'menu', prompt: zh('按1进入子菜单'), options: [{ digit: '1', next: 'sub' }], onNoInput: 'bye', onInvalid: 'bye' },
      sub: { type: 'menu', prompt: zh('按星号返回'), options: [{ digit: '*', next: 'main' }, { digit: '0', next: 'bye' }], onNoInput: 'bye', onInvalid: 'bye' },
      bye: { type: 'hangup' },
    });
    let state = start(circle, CALL, NOW);
    let inputs = 0;
    while (!state.outcome) {
      state = next(state, digits(state.awaiting!.nodeId === 'main' ? '1' : '*'), NOW + inputs);
      inputs += 1;
    }
    expect(state.outcome).toEqual({ kind: 'hangup', reason: 'step_limit', nodeId: expect.any(String) });
    expect(state.steps).toBe(IVR_MAX_STEPS);
    expect(inputs).toBeLessThanOrEqual(IVR_MAX_STEPS);
  });

  it('hangs up instead of throwing on a flow that skipped validation', () => {
    // The schema checks shape only; references are the validator's job.
    const broken = flowOf({ main: { type: 'play', prompt: zh('你好'), next: 'gone' } });
    expect(start(broken, CALL, NOW).outcome).toEqual({ kind: 'hangup', reason: 'flow_error', nodeId: 'gone' });
  });
});
