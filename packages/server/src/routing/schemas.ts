/**
 * Zod schemas for routing configuration, shared by the HTTP layer, the CLI and the simulator's
 * scenarios. They fill the defaults, so a parsed queue is exactly the router's `QueueConfig`.
 */
import { z } from 'zod';
import { CHANNELS, NOT_READY_REASONS } from './domain/agent-state.ts';
import { checkQueueSet, MAX_SKILL_LEVEL, MIN_SKILL_LEVEL, ROUTING_STRATEGIES, type AgentProfile, type QueueConfig } from './domain/queue-config.ts';

const id = z.string().trim().min(1).max(100);
const skillName = z.string().trim().min(1).max(64);
const skillLevel = z.int().min(MIN_SKILL_LEVEL).max(MAX_SKILL_LEVEL);
const seconds = z.number().positive().max(7 * 24 * 3600);

export const channelSchema = z.enum(CHANNELS);
export const notReadyReasonSchema = z.enum(NOT_READY_REASONS);
export const routingStrategySchema = z.enum(ROUTING_STRATEGIES);

export const skillRequirementSchema = z.object({ skill: skillName, minLevel: skillLevel });

export const wideningStepSchema = z.object({
  afterSeconds: seconds,
  levelReduction: z.int().min(1).max(MAX_SKILL_LEVEL - MIN_SKILL_LEVEL),
});

export const limitActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('callback') }),
  z.object({ type: z.literal('voicemail') }),
  z.object({ type: z.literal('queue'), queueId: id }),
]);

export const queueLimitsSchema = z
  .object({
    maxLength: z.int().min(0).max(100_000).nullable().default(null),
    maxWaitSeconds: seconds.nullable().default(null),
    action: limitActionSchema,
  })
  .refine((limits) => limits.maxLength !== null || limits.maxWaitSeconds !== null, {
    message: 'set maxLength, maxWaitSeconds or both',
  });

export const queueConfigSchema = z.object({
  id,
  tenantId: id,
  businessLineId: id,
  channel: channelSchema.default('voice'),
  skills: z.array(skillRequirementSchema).max(20).default([]),
  priority: z.int().min(0).max(100).default(0),
  serviceLevel: z
    .object({ percent: z.number().gt(0).max(100), seconds })
    .default({ percent: 80, seconds: 20 }),
  strategy: routingStrategySchema.default('longest_idle'),
  widening: z.array(wideningStepSchema).max(9).default([]),
  overflow: z.object({ afterSeconds: seconds, queueId: id }).nullable().default(null),
  limits: queueLimitsSchema.nullable().default(null),
  ringTimeoutSeconds: seconds.default(20),
  maxWrapUpSeconds: z.number().min(0).max(24 * 3600).default(60),
  expectedHandleSeconds: seconds.default(300),
});

/** A whole queue set, with the cross-queue rules (targets exist, same tenant and channel, no loops of full queues). */
export const queueSetSchema = z.array(queueConfigSchema).superRefine((queues, context) => {
  for (const issue of checkQueueSet(queues)) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});

export const agentCapacitySchema = z.object({
  channels: z.partialRecord(channelSchema, z.int().min(0).max(20)).default({ voice: 1 }),
  blendVoice: z.boolean().default(false),
});

export const agentProfileSchema = z.object({
  id,
  tenantId: id,
  skills: z.record(skillName, skillLevel).default({}),
  capacity: agentCapacitySchema.default({ channels: { voice: 1 }, blendVoice: false }),
});

export type QueueConfigInput = z.input<typeof queueConfigSchema>;
export type AgentProfileInput = z.input<typeof agentProfileSchema>;

// The declared return types make these fail to compile if the schemas and the router's types drift apart.
export function parseQueueConfig(input: unknown): QueueConfig {
  return queueConfigSchema.parse(input);
}

export function parseQueueSet(input: unknown): QueueConfig[] {
  return queueSetSchema.parse(input);
}

export function parseAgentProfile(input: unknown): AgentProfile {
  return agentProfileSchema.parse(input);
}
