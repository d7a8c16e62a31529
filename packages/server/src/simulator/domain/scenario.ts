/**
 * What a simulation run is given: the intraday arrival profile, the IVR walk, the queues with their
 * caller and handling behaviour, and the bot agents with a staffing vector per interval. This is
 * the JSON format of `seatline simulate --scenario file.json`.
 */
import { z } from 'zod';
import { exponential, lognormal, type RandomSource } from '../../platform/random.ts';
import { checkQueueSet, type QueueConfig } from '../../routing/domain/queue-config.ts';
import { agentCapacitySchema, queueConfigSchema } from '../../routing/schemas.ts';

const id = z.string().trim().min(1).max(100);
const positiveSeconds = z.number().positive().max(24 * 3600);

/** A duration in seconds: fixed, exponential or lognormal (given by its own mean and standard deviation). */
export const durationSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fixed'), seconds: z.number().min(0).max(24 * 3600) }),
  z.object({ type: z.literal('exponential'), meanSeconds: positiveSeconds }),
  z.object({ type: z.literal('lognormal'), meanSeconds: positiveSeconds, sdSeconds: positiveSeconds }),
]);
export type Duration = z.infer<typeof durationSchema>;

export function sampleSeconds(rng: RandomSource, duration: Duration): number {
  switch (duration.type) {
    case 'fixed':
      return duration.seconds;
    case 'exponential':
      return exponential(rng, duration.meanSeconds);
    case 'lognormal':
      return lognormal(rng, duration.meanSeconds, duration.sdSeconds);
  }
}

export const ivrNodeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('menu'),
    /** Time the caller spends in this menu (prompt and choice). */
    seconds: z.number().min(0).max(600),
    options: z
      .array(z.object({ digit: z.string().max(8).optional(), probability: z.number().min(0).max(1), next: id }))
      .min(1),
  }),
  z.object({ type: z.literal('queue'), queueId: id }),
  /** The caller is done in the IVR: served by self-service, or hung up. */
  z.object({ type: z.literal('hang_up'), outcome: z.enum(['self_service', 'abandoned']) }),
]);
export type IvrNode = z.infer<typeof ivrNodeSchema>;

export const simulatedQueueSchema = queueConfigSchema.omit({ tenantId: true }).extend({
  businessLineId: id.default('default'),
  /** Talk time, from answer to the end of the conversation. */
  handleTime: durationSchema,
  /** After-call work; the queue's `maxWrapUpSeconds` cuts it short. */
  wrapUp: durationSchema.default({ type: 'fixed', seconds: 0 }),
  /** How long a caller waits for an agent before hanging up; null waits for ever. */
  patience: durationSchema.nullable().default(null),
});

export const agentGroupSchema = z.object({
  id,
  skills: z.record(z.string().trim().min(1).max(64), z.int().min(1).max(10)),
  capacity: agentCapacitySchema.default({ channels: { voice: 1 }, blendVoice: false }),
  /** Bots logged in during each interval; one entry per interval, as a WFM plan would give them. */
  staffing: z.array(z.int().min(0).max(10_000)),
});

export const scenarioSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    tenantId: id.default('simulation'),
    /** Start of the first interval, with its UTC offset. */
    startAt: z.iso.datetime({ offset: true }),
    intervalMinutes: z.int().min(1).max(24 * 60).default(30),
    /** Expected arrivals per interval; the simulation draws a Poisson count for each. */
    expectedCalls: z.array(z.number().min(0).max(1_000_000)).min(1).max(10_000),
    /** Share of callers who are VIPs, and the priority they queue with. */
    vip: z.object({ share: z.number().min(0).max(1), priority: z.int().min(1).max(100) }).default({ share: 0, priority: 10 }),
    ivr: z.object({ start: id, nodes: z.record(id, ivrNodeSchema) }),
    queues: z.array(simulatedQueueSchema).min(1),
    agentGroups: z.array(agentGroupSchema).min(1),
    /** Seconds a bot lets an offer ring before it answers. */
    botAnswerSeconds: z.number().min(0).max(600).default(2),
  })
  .superRefine((scenario, context) => {
    const issue = (path: (string | number)[], message: string) => context.addIssue({ code: 'custom', path, message });
    const intervals = scenario.expectedCalls.length;
    scenario.agentGroups.forEach((group, index) => {
      if (group.staffing.length !== intervals) issue(['agentGroups', index, 'staffing'], `needs ${intervals} entries, one per interval`);
    });
    for (const problem of checkQueueSet(routingQueues(scenario))) issue(['queues', ...problem.path], problem.message);
    scenario.queues.forEach((queue, index) => {
      if (scenario.botAnswerSeconds >= queue.ringTimeoutSeconds) {
        issue(['queues', index, 'ringTimeoutSeconds'], 'must be longer than botAnswerSeconds, or bots never answer');
      }
    });
    checkIvr(scenario.ivr, new Set(scenario.queues.map((queue) => queue.id)), issue);
  });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type SimulatedQueue = Scenario['queues'][number];

export function parseScenario(input: unknown): Scenario {
  return scenarioSchema.parse(input);
}

/** The scenario's queues as the router takes them, under the scenario's tenant. */
export function routingQueues(scenario: Pick<Scenario, 'tenantId' | 'queues'>): QueueConfig[] {
  return scenario.queues.map(({ handleTime: _handle, wrapUp: _wrap, patience: _patience, ...queue }) => ({ ...queue, tenantId: scenario.tenantId }));
}

/** Every reference resolves, branch probabilities sum to 1, and no walk can loop. */
function checkIvr(ivr: Scenario['ivr'], queueIds: ReadonlySet<string>, issue: (path: (string | number)[], message: string) => void): void {
  if (!ivr.nodes[ivr.start]) issue(['ivr', 'start'], `unknown node ${ivr.start}`);
  for (const [name, node] of Object.entries(ivr.nodes)) {
    if (node.type === 'queue' && !queueIds.has(node.queueId)) issue(['ivr', 'nodes', name, 'queueId'], `unknown queue ${node.queueId}`);
    if (node.type !== 'menu') continue;
    const total = node.options.reduce((sum, option) => sum + option.probability, 0);
    if (Math.abs(total - 1) > 1e-6) issue(['ivr', 'nodes', name, 'options'], `branch probabilities add up to ${Number(total.toFixed(6))}, not 1`);
    node.options.forEach((option, index) => {
      if (!ivr.nodes[option.next]) issue(['ivr', 'nodes', name, 'options', index, 'next'], `unknown node ${option.next}`);
    });
  }
  const finished = new Set<string>();
  const onPath = new Set<string>();
  const visit = (name: string, path: string[]): void => {
    if (finished.has(name)) return;
    if (onPath.has(name)) {
      issue(['ivr', 'nodes', name], `the IVR loops: ${[...path, name].join(' → ')}`);
      return;
    }
    const node = ivr.nodes[name];
    onPath.add(name);
    if (node?.type === 'menu') for (const option of node.options) visit(option.next, [...path, name]);
    onPath.delete(name);
    finished.add(name);
  };
  for (const name of Object.keys(ivr.nodes)) visit(name, []);
}
