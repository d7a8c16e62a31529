import { describe, expect, it } from 'vitest';
import { DEMO_PROPERTY_QUEUES, DEMO_SHOP_QUEUES, demoPropertyFlow, demoPropertyHotline, demoShopFlow, demoShopHotline } from './demo-flows.ts';
import { formatPath, validateFlow, validateHotlineConfig, type IvrProblem } from './validate.ts';

const QUEUES = { knownQueueIds: ['repair', 'complaint'] };
const zh = (text: string) => ({ text: { 'zh-CN': text } });
const toRepair = { type: 'transfer', target: { kind: 'queue', queueId: 'repair' } };

function flow(nodes: Record<string, unknown>, entry = 'main') {
  return { hotline: '4008001234', version: 1, entry, nodes };
}

function summary(problems: IvrProblem[]): string[] {
  return problems.map((problem) => `${problem.code} ${formatPath(problem.path)}`);
}

describe('validateFlow', () => {
  it('accepts the demo flows without errors or warnings', () => {
    for (const [demo, queues] of [
      [demoPropertyFlow, DEMO_PROPERTY_QUEUES],
      [demoShopFlow, DEMO_SHOP_QUEUES],
    ] as const) {
      const result = validateFlow(demo, { knownQueueIds: queues });
      expect(summary([...result.errors, ...result.warnings])).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.value).toEqual(demo);
    }
  });

  it('reports unknown next nodes and an unknown entry with the path of the reference', () => {
    const result = validateFlow(
      flow(
        {
          main: { type: 'menu', prompt: zh('请选择'), options: [{ digit: '1', next: 'to_repair' }, { digit: '2', next: 'nowhere' }], onNoInput: 'to_repair', onInvalid: 'gone' },
          to_repair: toRepair,
        },
        'start',
      ),
      QUEUES,
    );
    expect(result.ok).toBe(false);
    expect(summary(result.errors)).toEqual(['ivr.unknown_node entry', 'ivr.unknown_node nodes.main.options[1].next', 'ivr.unknown_node nodes.main.onInvalid']);
  });

  it('reports a loop that can never reach a terminal node', () => {
    const result = validateFlow(
      flow({
        main: { type: 'menu', prompt: zh('请选择'), options: [{ digit: '1', next: 'info' }], onNoInput: 'info', onInvalid: 'main' },
        info: { type: 'play', prompt: zh('说明'), next: 'main' },
        bye: { type: 'hangup' },
      }),
      QUEUES,
    );
    expect(summary(result.errors)).toEqual(['ivr.cycle_without_exit nodes.main']);
    expect(result.errors[0]!.message).toContain('"main", "info"');
    expect(summary(result.warnings)).toEqual(['ivr.unreachable_node nodes.bye']);
  });

  it('accepts a menu retry loop that has a way out', () => {
    const result = validateFlow(
      flow({
        main: { type: 'menu', prompt: zh('报修请按1'), options: [{ digit: '1', next: 'to_repair' }], onNoInput: 'main', onInvalid: 'sorry' },
        sorry: { type: 'play', prompt: zh('输入有误'), next: 'main' },
        to_repair: toRepair,
      }),
      QUEUES,
    );
    expect(result.errors).toEqual([]);
  });

  it('reports a loop that waits for no input, even when it has an exit', () => {
    const result = validateFlow(
      flow({
        main: { type: 'branch', rules: [{ conditions: [{ operator: 'exists', variable: 'caller.number' }], next: 'mark' }], otherwise: 'to_repair' },
        mark: { type: 'set', priority: 1, next: 'main' },
        to_repair: toRepair,
      }),
      QUEUES,
    );
    expect(summary(result.errors)).toEqual(['ivr.cycle_without_input nodes.main']);
    const retryingLookup = validateFlow(
      flow({
        main: { type: 'collect', prompt: zh('请输入工单号'), variable: 'ticketNumber', maxDigits: 8, next: 'find', onNoInput: 'to_repair', onInvalid: 'to_repair' },
        find: { type: 'lookup', lookup: 'ticket_status', input: 'ticketNumber', onFound: 'to_repair', onNotFound: 'again' },
        again: { type: 'play', prompt: zh('请稍候'), next: 'find' },
        to_repair: toRepair,
      }),
      QUEUES,
    );
    expect(summary(retryingLookup.errors)).toEqual(['ivr.cycle_without_input nodes.find']);
  });

  it('reports unknown queues and, when agents are known, unknown agents', () => {
    const nodes = {
      main: { type: 'menu', prompt: zh('请选择'), options: [{ digit: '1', next: 'to_x' }, { digit: '2', next: 'to_agent' }, { digit: '3', next: 'leave' }], onNoInput: 'to_x', onInvalid: 'to_x' },
      to_x: { type: 'transfer', target: { kind: 'queue', queueId: 'billing' } },
      to_agent: { type: 'transfer', target: { kind: 'agent', agentId: 'agent-9' } },
      leave: { type: 'voicemail', prompt: zh('请留言'), queueId: 'refunds' },
    };
    expect(summary(validateFlow(flow(nodes), QUEUES).errors)).toEqual(['ivr.unknown_queue nodes.to_x.target.queueId', 'ivr.unknown_queue nodes.leave.queueId']);
    expect(summary(validateFlow(flow(nodes), { ...QUEUES, knownAgentIds: ['agent-1'] }).errors)).toContain('ivr.unknown_agent nodes.to_agent.target.agentId');
  });

  it('reports prompts missing in zh-CN, whether absent, English only or an empty optional prompt', () => {
    const result = validateFlow(
      flow({
        main: { type: 'menu', options: [{ digit: '1', next: 'hello' }], invalidPrompt: { text: {} }, onNoInput: 'to_repair', onInvalid: 'to_repair' },
        hello: { type: 'play', prompt: { text: { en: 'Hello' } }, next: 'number' },
        number: { type: 'collect', prompt: { audio: { 'zh-CN': 'file-1' } }, variable: 'n', maxDigits: 4, next: 'to_repair', onNoInput: 'to_repair', onInvalid: 'to_repair' },
        to_repair: toRepair,
      }),
      QUEUES,
    );
    expect(summary(result.errors)).toEqual(['ivr.missing_prompt nodes.main.prompt', 'ivr.missing_prompt nodes.main.invalidPrompt', 'ivr.missing_prompt nodes.hello.prompt']);
  });

  it('reports duplicate DTMF digits at the later option', () => {
    const result = validateFlow(
      flow({
        main: { type: 'menu', prompt: zh('请选择'), options: [{ digit: '1', next: 'to_repair' }, { digit: '2', next: 'to_repair' }, { digit: '1', next: 'to_repair' }], onNoInput: 'to_repair', onInvalid: 'to_repair' },
        to_repair: toRepair,
      }),
      QUEUES,
    );
    expect(summary(result.errors)).toEqual(['ivr.duplicate_digit nodes.main.options[2].digit']);
  });

  it('reports broken regular expressions and warns about variables nothing sets', () => {
    const result = validateFlow(
      flow({
        main: { type: 'collect', prompt: zh('请输入订单号'), variable: 'orderNumber', maxDigits: 8, next: 'check', onNoInput: 'to_repair', onInvalid: 'to_repair' },
        check: {
          type: 'branch',
          rules: [
            { conditions: [{ operator: 'regex', variable: 'orderNumber', pattern: '^(9' }], next: 'to_repair' },
            { conditions: [{ operator: 'eq', variable: 'orderNo', value: '1' }], next: 'to_repair' },
          ],
          otherwise: 'say',
        },
        say: { type: 'play', prompt: zh('订单{orderNumber}，客户{customer.name}'), next: 'to_repair' },
        to_repair: toRepair,
      }),
      QUEUES,
    );
    expect(summary(result.errors)).toEqual(['ivr.invalid_regex nodes.check.rules[0].conditions[0].pattern']);
    expect(summary(result.warnings)).toEqual(['ivr.unknown_variable nodes.check.rules[1].conditions[0].variable', 'ivr.unknown_variable nodes.say.prompt.text.zh-CN']);
  });

  it('reports shape errors with their paths, refusing unknown keys', () => {
    const result = validateFlow(
      flow({
        main: { type: 'play', prompt: zh('你好'), nxt: 'x', next: 'c' },
        c: { type: 'collect', prompt: zh('请输入'), variable: 'n', minDigits: 6, maxDigits: 4, next: 'c', onNoInput: 'c', onInvalid: 'c' },
        t: { type: 'teleport' },
      }),
      QUEUES,
    );
    expect(result.ok).toBe(false);
    expect(result.value).toBeNull();
    expect(result.errors.every((problem) => problem.code === 'ivr.invalid_shape')).toBe(true);
    expect(result.errors.map((problem) => formatPath(problem.path))).toEqual(expect.arrayContaining(['nodes.main', 'nodes.c.minDigits', 'nodes.t.type']));
  });

  it('reports every problem of a flow at once', () => {
    const result = validateFlow(
      flow({
        main: { type: 'menu', options: [{ digit: '1', next: 'to_x' }, { digit: '1', next: 'lost' }], onNoInput: 'main', onInvalid: 'main' },
        to_x: { type: 'transfer', target: { kind: 'queue', queueId: 'x' } },
      }),
      QUEUES,
    );
    expect(result.errors.map((problem) => problem.code).sort()).toEqual(['ivr.duplicate_digit', 'ivr.missing_prompt', 'ivr.unknown_node', 'ivr.unknown_queue']);
  });
});

describe('validateHotlineConfig', () => {
  it('accepts the demo hotlines', () => {
    expect(validateHotlineConfig(demoPropertyHotline, { knownQueueIds: DEMO_PROPERTY_QUEUES }).errors).toEqual([]);
    expect(validateHotlineConfig(demoShopHotline, { knownQueueIds: DEMO_SHOP_QUEUES }).errors).toEqual([]);
  });

  it('refuses an emergency switch without a prompt and out-of-hours handling without a prompt or with an unknown queue', () => {
    const result = validateHotlineConfig(
      { hotline: '4008001234', outOfHours: { action: 'voicemail', queueId: 'nope' }, emergency: { enabled: true } },
      QUEUES,
    );
    expect(summary(result.errors)).toEqual(['ivr.missing_prompt outOfHours.prompt', 'ivr.unknown_queue outOfHours.queueId', 'ivr.missing_prompt emergency.prompt']);
  });
});
