/**
 * Queue configuration as the router sees it, the cross-queue checks a set of queues must pass, and
 * the skill rule that decides which agents may serve a queue.
 */
import type { AgentCapacity, Channel } from './agent-state.ts';

export const ROUTING_STRATEGIES = ['longest_idle', 'most_skilled', 'round_robin', 'least_occupied'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

export const MIN_SKILL_LEVEL = 1;
export const MAX_SKILL_LEVEL = 10;

export interface SkillRequirement {
  skill: string;
  minLevel: number;
}

/** After `afterSeconds` in the queue, every required minimum level drops by `levelReduction` (never below 1). */
export interface WideningStep {
  afterSeconds: number;
  levelReduction: number;
}

export type LimitAction = { type: 'callback' } | { type: 'voicemail' } | { type: 'queue'; queueId: string };

export interface QueueLimits {
  /** Waiting interactions the queue holds at most; an arrival beyond it meets `action`. */
  maxLength: number | null;
  /** Seconds an interaction may wait in this queue before it meets `action`. */
  maxWaitSeconds: number | null;
  action: LimitAction;
}

export interface QueueConfig {
  id: string;
  tenantId: string;
  businessLineId: string;
  channel: Channel;
  skills: readonly SkillRequirement[];
  /** An agent who can serve several queues takes work from the highest priority first. */
  priority: number;
  /** The target, e.g. 80% answered within 20 s. */
  serviceLevel: { percent: number; seconds: number };
  strategy: RoutingStrategy;
  /** Ordered by `afterSeconds`, with growing reductions. */
  widening: readonly WideningStep[];
  /** After `afterSeconds` waiting here the interaction moves to the other queue, keeping its original enqueue time. */
  overflow: { afterSeconds: number; queueId: string } | null;
  limits: QueueLimits | null;
  ringTimeoutSeconds: number;
  maxWrapUpSeconds: number;
  /** Handle time (talk plus wrap-up) assumed for the wait estimate until real ones are observed. */
  expectedHandleSeconds: number;
}

export interface AgentProfile {
  id: string;
  tenantId: string;
  /** Skill name to level, 1 to 10. */
  skills: Readonly<Record<string, number>>;
  capacity: AgentCapacity;
}

export interface ConfigIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The rules a single queue's fields cannot express alone: references between queues, and the
 * ordering of widening steps the router's step index relies on. Returns every issue found.
 */
export function checkQueueSet(queues: readonly QueueConfig[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const byId = new Map<string, QueueConfig>();
  queues.forEach((queue, index) => {
    if (byId.has(queue.id)) issues.push({ path: [index, 'id'], message: `duplicate queue id ${queue.id}` });
    byId.set(queue.id, queue);
  });

  queues.forEach((queue, index) => {
    const seenSkills = new Set<string>();
    queue.skills.forEach((requirement, skillIndex) => {
      if (seenSkills.has(requirement.skill)) issues.push({ path: [index, 'skills', skillIndex, 'skill'], message: `skill ${requirement.skill} is listed twice` });
      seenSkills.add(requirement.skill);
      if (!isSkillLevel(requirement.minLevel)) issues.push({ path: [index, 'skills', skillIndex, 'minLevel'], message: 'levels run from 1 to 10' });
    });
    queue.widening.forEach((step, stepIndex) => {
      const previous = queue.widening[stepIndex - 1];
      if (previous && (step.afterSeconds <= previous.afterSeconds || step.levelReduction <= previous.levelReduction)) {
        issues.push({ path: [index, 'widening', stepIndex], message: 'each widening step must come later and reduce more than the one before' });
      }
    });
    const checkTarget = (targetId: string, path: (string | number)[]) => {
      const target = byId.get(targetId);
      if (!target) issues.push({ path, message: `unknown queue ${targetId}` });
      else if (target.id === queue.id) issues.push({ path, message: 'a queue cannot send interactions to itself' });
      else if (target.tenantId !== queue.tenantId) issues.push({ path, message: `queue ${targetId} belongs to another tenant` });
      else if (target.channel !== queue.channel) issues.push({ path, message: `queue ${targetId} serves ${target.channel}, not ${queue.channel}` });
    };
    if (queue.overflow) checkTarget(queue.overflow.queueId, [index, 'overflow', 'queueId']);
    if (queue.limits?.action.type === 'queue') checkTarget(queue.limits.action.queueId, [index, 'limits', 'action', 'queueId']);
  });

  // A full queue hands an arrival to its limit queue at once; a loop of full queues would never settle.
  queues.forEach((queue, index) => {
    const visited = new Set<string>([queue.id]);
    let current: QueueConfig | undefined = queue;
    while (current?.limits?.maxLength != null && current.limits.action.type === 'queue') {
      const nextId: string = current.limits.action.queueId;
      if (visited.has(nextId)) {
        if (nextId === queue.id) issues.push({ path: [index, 'limits', 'action'], message: `full queues redirect in a loop: ${[...visited, nextId].join(' → ')}` });
        break;
      }
      visited.add(nextId);
      current = byId.get(nextId);
    }
  });
  return issues;
}

export function isSkillLevel(level: number): boolean {
  return Number.isInteger(level) && level >= MIN_SKILL_LEVEL && level <= MAX_SKILL_LEVEL;
}

/**
 * The first widening step from which an agent with these skills may serve the queue: 0 means at the
 * queue's own minimums, null means never (a required skill is missing). A queue with no required
 * skills takes any agent of its tenant.
 */
export function qualifyingStep(skills: Readonly<Record<string, number>>, queue: QueueConfig): number | null {
  let largestShortfall = 0;
  for (const requirement of queue.skills) {
    const level = skills[requirement.skill] ?? 0;
    if (level < MIN_SKILL_LEVEL) return null;
    largestShortfall = Math.max(largestShortfall, requirement.minLevel - level);
  }
  if (largestShortfall <= 0) return 0;
  const step = queue.widening.findIndex((widening) => widening.levelReduction >= largestShortfall);
  return step === -1 ? null : step + 1;
}

/** Sum of the agent's levels in the queue's skills: the ranking key of the most-skilled strategy. */
export function skillScore(skills: Readonly<Record<string, number>>, queue: QueueConfig): number {
  let score = 0;
  for (const requirement of queue.skills) score += skills[requirement.skill] ?? 0;
  return score;
}
