/**
 * The default demo day: the 400 hotline of a property-management company, 08:00–20:00 in
 * half-hour intervals. Owners call about repairs, complaints and the new-business services
 * (elderly care, home upgrades, leasing); a tenth check a repair ticket in self-service. Staffing
 * runs a little thin at the morning and afternoon peaks, so some callers abandon.
 */
import { parseScenario, type Scenario, type ScenarioInput } from './scenario.ts';

/** Expected calls per half hour from 08:00: a morning peak around 10:00 and an afternoon one around 15:00. */
const EXPECTED_CALLS = [8, 14, 22, 28, 30, 28, 24, 18, 14, 12, 12, 16, 22, 26, 26, 22, 18, 14, 10, 8, 6, 6, 5, 4];

const REPAIRS_TEAM = [2, 3, 3, 4, 4, 4, 4, 3, 3, 3, 3, 3, 3, 4, 4, 4, 3, 3, 2, 2, 2, 2, 2, 2];
const COMPLAINTS_TEAM = [1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1];
const NEW_BUSINESS_TEAM = [1, 1, 1, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1];

const patience = { type: 'lognormal', meanSeconds: 150, sdSeconds: 110 } as const;

export function demoDayScenario(options: { date?: string; tenantId?: string } = {}): Scenario {
  const date = options.date ?? '2025-03-03';
  const input: ScenarioInput = {
    name: 'Property-management hotline demo day',
    tenantId: options.tenantId ?? 'demo',
    startAt: `${date}T08:00:00+08:00`,
    intervalMinutes: 30,
    expectedCalls: EXPECTED_CALLS,
    vip: { share: 0.05, priority: 10 },
    botAnswerSeconds: 3,
    ivr: {
      start: 'welcome',
      nodes: {
        welcome: {
          type: 'menu',
          seconds: 12,
          options: [
            { digit: '1', probability: 0.48, next: 'repairs' },
            { digit: '2', probability: 0.17, next: 'complaints' },
            { digit: '3', probability: 0.2, next: 'new-business-menu' },
            { digit: '4', probability: 0.1, next: 'ticket-status' },
            { probability: 0.05, next: 'hung-up' },
          ],
        },
        'new-business-menu': {
          type: 'menu',
          seconds: 9,
          options: [
            { digit: '1', probability: 0.4, next: 'new-business' },
            { digit: '2', probability: 0.35, next: 'new-business' },
            { digit: '3', probability: 0.25, next: 'new-business' },
          ],
        },
        repairs: { type: 'queue', queueId: 'repairs' },
        complaints: { type: 'queue', queueId: 'complaints' },
        'new-business': { type: 'queue', queueId: 'new-business' },
        'ticket-status': { type: 'hang_up', outcome: 'self_service' },
        'hung-up': { type: 'hang_up', outcome: 'abandoned' },
      },
    },
    queues: [
      {
        id: 'repairs',
        businessLineId: 'property-services',
        skills: [{ skill: 'repairs', minLevel: 4 }],
        priority: 1,
        serviceLevel: { percent: 80, seconds: 20 },
        strategy: 'longest_idle',
        widening: [{ afterSeconds: 60, levelReduction: 2 }],
        limits: { maxLength: 15, action: { type: 'voicemail' } },
        maxWrapUpSeconds: 90,
        expectedHandleSeconds: 270,
        handleTime: { type: 'lognormal', meanSeconds: 240, sdSeconds: 120 },
        wrapUp: { type: 'lognormal', meanSeconds: 30, sdSeconds: 15 },
        patience,
      },
      {
        id: 'complaints',
        businessLineId: 'property-services',
        skills: [{ skill: 'complaints', minLevel: 6 }],
        priority: 3,
        serviceLevel: { percent: 80, seconds: 20 },
        strategy: 'most_skilled',
        // Senior repair agents help with complaints once a caller has waited 45 s.
        widening: [{ afterSeconds: 45, levelReduction: 3 }],
        limits: { maxWaitSeconds: 300, action: { type: 'callback' } },
        maxWrapUpSeconds: 120,
        expectedHandleSeconds: 420,
        handleTime: { type: 'lognormal', meanSeconds: 360, sdSeconds: 200 },
        wrapUp: { type: 'lognormal', meanSeconds: 60, sdSeconds: 30 },
        patience,
      },
      {
        id: 'new-business',
        businessLineId: 'new-business',
        skills: [{ skill: 'new-business', minLevel: 5 }],
        priority: 2,
        serviceLevel: { percent: 80, seconds: 30 },
        strategy: 'round_robin',
        // At busy times the repairs team takes new-business callers too.
        overflow: { afterSeconds: 90, queueId: 'repairs' },
        maxWrapUpSeconds: 90,
        expectedHandleSeconds: 345,
        handleTime: { type: 'lognormal', meanSeconds: 300, sdSeconds: 150 },
        wrapUp: { type: 'lognormal', meanSeconds: 45, sdSeconds: 20 },
        patience,
      },
    ],
    agentGroups: [
      { id: 'repairs-team', skills: { repairs: 7, complaints: 4, 'new-business': 2 }, staffing: REPAIRS_TEAM },
      { id: 'complaints-team', skills: { complaints: 8, repairs: 5 }, staffing: COMPLAINTS_TEAM },
      { id: 'new-business-team', skills: { 'new-business': 7, repairs: 3 }, staffing: NEW_BUSINESS_TEAM },
    ],
  };
  return parseScenario(input);
}
