import { describe, expect, it } from 'vitest';
import { seededRandom, type RandomSource } from '../platform/random.ts';
import { demoPropertyFlow, demoShopFlow } from './demo-flows.ts';
import { IVR_MAX_STEPS, type IvrAction } from './interpreter.ts';
import { DTMF_KEYS, LOOKUP_KINDS, WEEKDAYS, type IvrFlow } from './schemas.ts';
import { validateFlow } from './validate.ts';
import { walkScripted, walkWithProbabilities, type CallerProbabilities, type LookupPort } from './walk.ts';

const tickets: LookupPort = (request) =>
  request.lookup === 'ticket_status' && request.input === '20260042' ? { found: true, values: { status: request.language === 'en' ? 'in progress' : '处理中' } } : { found: false };

function routeTarget(action: IvrAction | undefined): string | null {
  return action?.type === 'route' && action.target.kind === 'queue' ? action.target.queueId : null;
}

describe('walkScripted', () => {
  it('walks the property hotline to the repairs queue with the utilities skill', () => {
    const walk = walkScripted(demoPropertyFlow, ['1', '1']);
    expect(walk.completed).toBe(true);
    expect(routeTarget(walk.state.action)).toBe('repair');
    expect(walk.state.action).toMatchObject({ routing: { skills: [{ skill: 'utilities_repair', minLevel: 1 }], attributes: { repairType: 'utilities' } } });
    expect(walk.actions.map((action) => action.type)).toEqual(['lookup', 'collect_digits', 'collect_digits', 'route']);
    // Greeting, menu, sub-menu and transfer prompt at 4 characters a second plus two key presses: well over half a minute.
    expect(walk.durationMs).toBeGreaterThan(30_000);
    expect(walk.durationMs).toBeLessThan(60_000);
  });

  it('tells a caller the status of a work order through the lookup port, in English after pressing 9', () => {
    const walk = walkScripted(demoPropertyFlow, ['9', '4', '20260042#', 'timeout', 'timeout'], { lookup: tickets });
    const spoken = walk.actions.flatMap((action) => ('prompts' in action ? action.prompts.map((prompt) => prompt.text) : []));
    expect(spoken).toContain('Work order 20260042 is in progress.');
    expect(walk.state.outcome).toEqual({ kind: 'hangup', reason: 'flow', nodeId: 'goodbye' });
    expect(walk.state.path.filter((step) => step.type === 'menu').map((step) => `${step.nodeId}:${step.input}`)).toEqual([
      'main:9',
      'main:4',
      'after_status:timeout',
      'after_status:timeout',
    ]);
  });

  it('stops with the waiting state when the script runs out, and records a hangup as an abandon', () => {
    const short = walkScripted(demoShopFlow, ['2']);
    expect(short.completed).toBe(false);
    expect(short.state.action).toMatchObject({ type: 'collect_digits', nodeId: 'refund_order' });
    const abandoned = walkScripted(demoShopFlow, ['2', 'hangup']);
    expect(abandoned.state.outcome).toEqual({ kind: 'abandoned', reason: 'caller_hangup', nodeId: 'refund_order' });
  });
});

describe('walkWithProbabilities', () => {
  const weights: CallerProbabilities = { menus: { main: { '1': 5, '2': 3, '3': 2 } }, collectSuccess: { refund_order: 1, delivery_order: 1 } };

  it('gives the same walk for the same seed', () => {
    const first = walkWithProbabilities(demoShopFlow, seededRandom(42), weights);
    const second = walkWithProbabilities(demoShopFlow, seededRandom(42), weights);
    expect(second).toEqual(first);
  });

  it('spreads callers over the menu by the given weights', () => {
    const rng = seededRandom(1);
    const counts = new Map<string | null, number>();
    const calls = 3000;
    for (let i = 0; i < calls; i += 1) {
      const target = routeTarget(walkWithProbabilities(demoShopFlow, rng, weights).state.action);
      counts.set(target, (counts.get(target) ?? 0) + 1);
    }
    expect((counts.get('after_sales') ?? 0) / calls).toBeCloseTo(0.5, 1);
    expect((counts.get('refund') ?? 0) / calls).toBeCloseTo(0.3, 1);
    expect((counts.get('logistics') ?? 0) / calls).toBeCloseTo(0.2, 1);
  });

  it('draws timeouts, wrong keys, lookups and hangups', () => {
    const rng = seededRandom(3);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 500; i += 1) {
      const walk = walkWithProbabilities(demoPropertyFlow, rng, {
        menus: { main: { timeout: 1, invalid: 1, '4': 1 }, after_status: { timeout: 1, '0': 1 } },
        collectSuccess: { ticket_number: 0.5 },
        lookupFound: { identify: 0, ticket_lookup: 1 },
        hangupPerAction: 0.1,
      });
      const key = `${walk.state.outcome!.kind}:${walk.state.outcome!.nodeId}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    expect([...outcomes.keys()]).toEqual(expect.arrayContaining(['queue:to_agent', 'hangup:goodbye', 'abandoned:main', 'abandoned:ticket_number']));
  });

  it('refuses probabilities outside [0, 1] and negative weights', () => {
    expect(() => walkWithProbabilities(demoShopFlow, seededRandom(1), { hangupPerAction: 2 })).toThrow(RangeError);
    expect(() => walkWithProbabilities(demoShopFlow, seededRandom(1), { menus: { main: { '1': -1 } } })).toThrow(RangeError);
  });
});

/** A random flow of 2 to 14 nodes whose references all exist; many are rejected by validation, which is the point. */
function randomFlow(rng: RandomSource): unknown {
  const pickOf = <T>(items: readonly T[]): T => items[Math.floor(rng.next() * items.length)]!;
  const ids = Array.from({ length: 2 + Math.floor(rng.next() * 13) }, (_, index) => `n${index}`);
  const target = () => pickOf(ids);
  const prompt = { text: { 'zh-CN': '提示' } };
  const types = ['play', 'menu', 'menu', 'collect', 'branch', 'lookup', 'set', 'transfer', 'voicemail', 'callback', 'hangup'] as const;
  const nodes: Record<string, unknown> = {};
  for (const id of ids) {
    switch (pickOf(types)) {
      case 'play':
        nodes[id] = { type: 'play', prompt, next: target() };
        break;
      case 'menu': {
        const digits = DTMF_KEYS.filter(() => rng.next() < 0.3);
        nodes[id] = {
          type: 'menu',
          prompt,
          options: (digits.length > 0 ? digits : ['1']).map((digit) => ({ digit, next: target() })),
          retries: Math.floor(rng.next() * 4),
          onNoInput: target(),
          onInvalid: target(),
        };
        break;
      }
      case 'collect':
        nodes[id] = { type: 'collect', prompt, variable: 'entered', minDigits: 1, maxDigits: 1 + Math.floor(rng.next() * 6), next: target(), onNoInput: target(), onInvalid: target() };
        break;
      case 'branch':
        nodes[id] = {
          type: 'branch',
          rules: [
            { conditions: [{ operator: 'exists', variable: 'customer.tier' }], next: target() },
            { conditions: [{ operator: 'regex', variable: 'entered', pattern: '^1' }], next: target() },
          ],
          otherwise: target(),
        };
        break;
      case 'lookup': {
        const lookup = pickOf(LOOKUP_KINDS);
        nodes[id] = { type: 'lookup', lookup, ...(lookup === 'ticket_status' ? { input: 'entered' } : {}), onFound: target(), onNotFound: target() };
        break;
      }
      case 'set':
        nodes[id] = { type: 'set', priority: Math.floor(rng.next() * 10), skills: [{ skill: pickOf(WEEKDAYS) }], next: target() };
        break;
      case 'transfer':
        nodes[id] = { type: 'transfer', target: { kind: 'queue', queueId: 'q' } };
        break;
      case 'voicemail':
      case 'callback':
      case 'hangup':
        nodes[id] = { type: pickOf(['voicemail', 'callback', 'hangup']) };
        break;
    }
  }
  return { hotline: '4008001234', version: 1, entry: 'n0', nodes };
}

describe('termination', () => {
  it('ends every walk of a validated flow within IVR_MAX_STEPS, under random keys, silences, lookups and hangups', () => {
    const rng = seededRandom(2026);
    let validated = 0;
    let endedByTheFlow = 0;
    for (let attempt = 0; validated < 300 && attempt < 20_000; attempt += 1) {
      const validation = validateFlow(randomFlow(rng), { knownQueueIds: ['q'] });
      if (!validation.ok) continue;
      validated += 1;
      const flow: IvrFlow = validation.value!;
      const menus = Object.fromEntries(
        Object.entries(flow.nodes)
          .filter(([, node]) => node.type === 'menu')
          .map(([id]) => [id, Object.fromEntries([...DTMF_KEYS, 'timeout', 'invalid'].map((key) => [key, rng.next()]))]),
      );
      for (let call = 0; call < 5; call += 1) {
        const walk = walkWithProbabilities(flow, rng, { menus, hangupPerAction: rng.next() * 0.05, lookupFound: {} });
        expect(walk.completed).toBe(true);
        expect(walk.state.steps).toBeLessThanOrEqual(IVR_MAX_STEPS);
        expect(walk.actions.length).toBeLessThanOrEqual(IVR_MAX_STEPS + 1);
        expect(walk.state.outcome!.reason).not.toBe('flow_error');
        if (walk.state.outcome!.reason === 'flow') endedByTheFlow += 1;
      }
    }
    expect(validated).toBe(300);
    // The step limit is a backstop, not the usual way out of a validated flow.
    expect(endedByTheFlow / (validated * 5)).toBeGreaterThan(0.8);
  });
});
