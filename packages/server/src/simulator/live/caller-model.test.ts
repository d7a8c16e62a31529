/** The live demo's callers: arrivals follow the compressed profile, keys come from walking the real flows. */
import { describe, expect, it } from 'vitest';
import { demoPropertyFlow, demoShopFlow } from '../../ivr/demo-flows.ts';
import { seededRandom } from '../../platform/random.ts';
import { callerNumber, DEFAULT_CALLER_TIMING, IntradayProfile, planCaller } from './caller-model.ts';

describe('IntradayProfile', () => {
  it('scales the shape to the average rate and replays it every cycle', () => {
    const profile = new IntradayProfile([1, 3], 2, 60_000);
    // Average 2 a minute: 1 a minute in the first half of the cycle, 3 in the second.
    expect(profile.rateAt(0) * 60_000).toBeCloseTo(1);
    expect(profile.rateAt(45_000) * 60_000).toBeCloseTo(3);
    expect(profile.rateAt(60_000 + 10_000) * 60_000).toBeCloseTo(1);
    expect(profile.rateAt(-10_000) * 60_000).toBeCloseTo(3);
  });

  it('draws Poisson arrivals at the profile’s rate in each part of the cycle', () => {
    const profile = new IntradayProfile([1, 3], 2, 60_000);
    const rng = seededRandom(3);
    const counts = [0, 0];
    let at = 0;
    const cycles = 2_000;
    for (;;) {
      at = profile.nextArrival(rng, at)!;
      if (at >= cycles * 60_000) break;
      counts[(at % 60_000) < 30_000 ? 0 : 1]! += 1;
    }
    // Half a minute per cycle at 1 and at 3 a minute: 0.5 and 1.5 calls per cycle (±4 standard errors).
    expect(counts[0]! / cycles).toBeGreaterThan(0.5 - 4 * Math.sqrt(0.5 / cycles));
    expect(counts[0]! / cycles).toBeLessThan(0.5 + 4 * Math.sqrt(0.5 / cycles));
    expect(counts[1]! / cycles).toBeGreaterThan(1.5 - 4 * Math.sqrt(1.5 / cycles));
    expect(counts[1]! / cycles).toBeLessThan(1.5 + 4 * Math.sqrt(1.5 / cycles));
  });

  it('has no arrivals when the rate is zero, and refuses a bad profile', () => {
    expect(new IntradayProfile([1, 2], 0, 60_000).nextArrival(seededRandom(1), 0)).toBeNull();
    expect(() => new IntradayProfile([], 1, 60_000)).toThrow(RangeError);
    expect(() => new IntradayProfile([1], 1, 0)).toThrow(RangeError);
  });
});

describe('planCaller', () => {
  it('presses the keys of the walk through the property flow, in order', () => {
    const rng = seededRandom(1);
    expect(planCaller(demoPropertyFlow, rng, { main: { '2': 1 } }).digits).toEqual(['2']);
    expect(planCaller(demoPropertyFlow, rng, { main: { '1': 1 }, repair_menu: { '2': 1 } }).digits).toEqual(['1', '2']);
    // English first, then the main menu again.
    expect(planCaller(demoPropertyFlow, rng, { main: { '9': 1, '0': 1 } }).digits.at(-1)).toBe('0');
  });

  it('enters a valid number where the flow collects one, and stops at the first silence', () => {
    const rng = seededRandom(2);
    const status = planCaller(demoPropertyFlow, rng, { main: { '4': 1 }, after_status: { timeout: 1 } });
    expect(status.digits[0]).toBe('4');
    expect(status.digits[1]).toMatch(/^\d{6}#$/);
    expect(status.digits).toHaveLength(2);
    const refund = planCaller(demoShopFlow, rng, { main: { '2': 1 } });
    expect(refund.digits).toEqual(['2', expect.stringMatching(/^\d{8}$/)]);
    expect(refund.ending).toBe('route');
  });

  it('times the IVR from the walk, and waits in queue on top of it unless hanging up in the menus', () => {
    const rng = seededRandom(4);
    const plans = Array.from({ length: 2_000 }, () => planCaller(demoPropertyFlow, rng, {}, { ...DEFAULT_CALLER_TIMING, ivrHangUpShare: 0.1 }));
    for (const plan of plans) {
      expect(plan.thinkMs).toBeGreaterThanOrEqual(500);
      expect(plan.thinkMs).toBeLessThanOrEqual(8_000);
      expect(plan.ivrMs).toBe(plan.thinkMs * plan.digits.length);
    }
    const hungUpInIvr = plans.filter((plan) => plan.patienceMs < plan.ivrMs).length / plans.length;
    expect(hungUpInIvr).toBeGreaterThan(0.06);
    expect(hungUpInIvr).toBeLessThan(0.14);
    const waiting = plans.filter((plan) => plan.patienceMs >= plan.ivrMs);
    const meanPatience = waiting.reduce((sum, plan) => sum + plan.patienceMs - plan.ivrMs, 0) / waiting.length / 1000;
    const meanTalk = plans.reduce((sum, plan) => sum + plan.talkMs, 0) / plans.length / 1000;
    expect(meanPatience).toBeGreaterThan(80);
    expect(meanPatience).toBeLessThan(100);
    expect(meanTalk).toBeGreaterThan(110);
    expect(meanTalk).toBeLessThan(130);
  });

  it('scales every duration with the time scale', () => {
    const plain = planCaller(demoPropertyFlow, seededRandom(9), { main: { '1': 1 }, repair_menu: { '1': 1 } });
    const fast = planCaller(demoPropertyFlow, seededRandom(9), { main: { '1': 1 }, repair_menu: { '1': 1 } }, { ...DEFAULT_CALLER_TIMING, timeScale: 0.01 });
    expect(fast.digits).toEqual(plain.digits);
    expect(fast.thinkMs).toBe(Math.round(plain.thinkMs * 0.01));
    expect(fast.talkMs).toBeCloseTo(plain.talkMs * 0.01, -1);
  });
});

describe('callerNumber', () => {
  it('gives mainland mobile numbers, and now and then a known customer', () => {
    const rng = seededRandom(5);
    const numbers = Array.from({ length: 1_000 }, () => callerNumber(rng, ['+8613812345678'], 0.2));
    for (const number of numbers) expect(number).toMatch(/^\+861[3-8]\d{9}$/);
    const known = numbers.filter((number) => number === '+8613812345678').length;
    expect(known).toBeGreaterThan(150);
    expect(known).toBeLessThan(250);
  });
});
