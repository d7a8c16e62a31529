/**
 * Zod schemas of the IVR: a flow (versioned JSON per hotline number), a hotline's configuration
 * (calendar, out-of-hours behaviour, emergency prompt) and a business calendar.
 *
 * The schemas check shape only. Everything that needs the whole flow or outside knowledge (node
 * references, loops, known queues, prompts in the default language) is `validate.ts`, so an admin
 * gets every problem at once with its JSON path instead of the first shape error. That is also
 * why required prompts default to an empty prompt: a missing one is reported as
 * `ivr.missing_prompt`, not as a shape error.
 *
 * Objects are strict: a misspelt key ("nxet") is refused instead of silently dropped.
 */
import { z } from 'zod';

export const IVR_LANGUAGES = ['zh-CN', 'en'] as const;
export type IvrLanguage = (typeof IVR_LANGUAGES)[number];
/** Every prompt must exist in this language; the others fall back to it. */
export const DEFAULT_LANGUAGE: IvrLanguage = 'zh-CN';

export const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;
export type DtmfKey = (typeof DTMF_KEYS)[number];

export const LOOKUP_KINDS = ['customer_by_caller', 'ticket_status'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

export const TERMINAL_NODE_TYPES = ['transfer', 'voicemail', 'callback', 'hangup'] as const;
/**
 * Nodes that wait for the caller. A loop through none of them never ends: nothing that could
 * change its course (a key press) happens in it, and a lookup repeated with the same input gives
 * the same answer.
 */
export const CALLER_INPUT_NODE_TYPES = ['menu', 'collect'] as const;

export const MAX_FLOW_NODES = 500;
const MIN_SKILL_LEVEL = 1;
const MAX_SKILL_LEVEL = 10;

export const nodeIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'a node id starts with a letter and has at most 64 letters, digits, _ or -');

/**
 * Variables are dotted names: `caller.*` comes from the call, `customer.*` and `ticket.*` from
 * lookups, anything else from collect nodes.
 */
export const variableNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}(\.[A-Za-z0-9_]{1,40}){0,3}$/, 'a variable is a dotted name such as ticketNumber or customer.tier');

/** Variable prefixes filled by the call itself and by lookups; other variables come from collect nodes. */
export const CALL_VARIABLE_PREFIX = 'caller.';
export const LOOKUP_VARIABLE_PREFIX = { customer_by_caller: 'customer.', ticket_status: 'ticket.' } as const satisfies Record<LookupKind, string>;
/** `{name}` in a prompt text is replaced by the variable's value when spoken. */
export const PLACEHOLDER_PATTERN = /\{([A-Za-z0-9_.]+)\}/g;

const externalId = z.string().trim().min(1).max(100);
const languageSchema = z.enum(IVR_LANGUAGES);
const promptText = z.string().trim().min(1).max(1000);

/**
 * Text to speak (per language, `{variable}` placeholders allowed) and, later, recorded audio per
 * language. Audio wins over text when both exist for the call's language.
 */
export const promptSchema = z.strictObject({
  text: z.partialRecord(languageSchema, promptText).default({}),
  audio: z.partialRecord(languageSchema, externalId).default({}),
});
export type Prompt = z.output<typeof promptSchema>;
const requiredPrompt = promptSchema.default({ text: {}, audio: {} });

const timeoutSeconds = z.number().min(1).max(60);
const retries = z.int().min(0).max(5);
const nodeLabel = z.string().trim().max(100).optional();

export const playNodeSchema = z.strictObject({
  type: z.literal('play'),
  label: nodeLabel,
  prompt: requiredPrompt,
  next: nodeIdSchema,
});

export const menuOptionSchema = z.strictObject({
  digit: z.enum(DTMF_KEYS),
  next: nodeIdSchema,
  label: nodeLabel,
});

/**
 * One key press chooses an option. A timeout or an unknown key counts as a failure; after
 * `retries` re-prompts the last failure decides between `onNoInput` and `onInvalid`.
 */
export const menuNodeSchema = z.strictObject({
  type: z.literal('menu'),
  label: nodeLabel,
  prompt: requiredPrompt,
  options: z.array(menuOptionSchema).min(1).max(DTMF_KEYS.length),
  retries: retries.default(2),
  timeoutSeconds: timeoutSeconds.default(5),
  noInputPrompt: promptSchema.optional(),
  invalidPrompt: promptSchema.optional(),
  onNoInput: nodeIdSchema,
  onInvalid: nodeIdSchema,
});

/** Several digits (an order or ticket number) into `variable`, ended by the terminator, `maxDigits` or the timeout. */
export const collectNodeSchema = z
  .strictObject({
    type: z.literal('collect'),
    label: nodeLabel,
    prompt: requiredPrompt,
    variable: variableNameSchema,
    minDigits: z.int().min(1).max(32).default(1),
    maxDigits: z.int().min(1).max(32),
    terminator: z.enum(['#', '*']).nullable().default('#'),
    timeoutSeconds: timeoutSeconds.default(10),
    retries: retries.default(2),
    noInputPrompt: promptSchema.optional(),
    invalidPrompt: promptSchema.optional(),
    next: nodeIdSchema,
    onNoInput: nodeIdSchema,
    onInvalid: nodeIdSchema,
  })
  .refine((node) => node.minDigits <= node.maxDigits, { message: 'minDigits must not exceed maxDigits', path: ['minDigits'] });

export const conditionSchema = z.discriminatedUnion('operator', [
  z.strictObject({ operator: z.literal('eq'), variable: variableNameSchema, value: z.string().max(200) }),
  z.strictObject({ operator: z.literal('neq'), variable: variableNameSchema, value: z.string().max(200) }),
  z.strictObject({ operator: z.literal('in'), variable: variableNameSchema, values: z.array(z.string().max(200)).min(1).max(100) }),
  // Short patterns only: they run against caller-controlled input on every call.
  z.strictObject({ operator: z.literal('regex'), variable: variableNameSchema, pattern: z.string().min(1).max(200) }),
  z.strictObject({ operator: z.literal('exists'), variable: variableNameSchema }),
]);
export type Condition = z.output<typeof conditionSchema>;

/** The first rule whose conditions all hold decides; none holding goes to `otherwise`. */
export const branchNodeSchema = z.strictObject({
  type: z.literal('branch'),
  label: nodeLabel,
  rules: z
    .array(z.strictObject({ conditions: z.array(conditionSchema).min(1).max(10), next: nodeIdSchema, label: nodeLabel }))
    .min(1)
    .max(20),
  otherwise: nodeIdSchema,
});

/**
 * Self-service lookup, performed by the port the caller of the interpreter provides. Found values
 * land in `customer.*` or `ticket.*`. `ticket_status` reads the ticket number from `input`.
 */
export const lookupNodeSchema = z
  .strictObject({
    type: z.literal('lookup'),
    label: nodeLabel,
    lookup: z.enum(LOOKUP_KINDS),
    input: variableNameSchema.optional(),
    onFound: nodeIdSchema,
    onNotFound: nodeIdSchema,
  })
  .refine((node) => node.lookup !== 'ticket_status' || node.input !== undefined, {
    message: 'ticket_status needs the variable holding the ticket number',
    path: ['input'],
  });

export const skillRequirementSchema = z.strictObject({
  skill: z.string().trim().min(1).max(64),
  minLevel: z.int().min(MIN_SKILL_LEVEL).max(MAX_SKILL_LEVEL).default(MIN_SKILL_LEVEL),
});
export type IvrSkillRequirement = z.output<typeof skillRequirementSchema>;

/** Routing attributes for the eventual queue: skills merge by name, the others replace earlier values. */
export const setNodeSchema = z
  .strictObject({
    type: z.literal('set'),
    label: nodeLabel,
    skills: z.array(skillRequirementSchema).max(20).optional(),
    priority: z.int().min(0).max(100).optional(),
    language: languageSchema.optional(),
    attributes: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/), z.string().max(200)).optional(),
    next: nodeIdSchema,
  })
  .refine((node) => node.skills !== undefined || node.priority !== undefined || node.language !== undefined || node.attributes !== undefined, {
    message: 'set at least one of skills, priority, language, attributes',
  });

export const transferTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('queue'), queueId: externalId }),
  z.strictObject({ kind: z.literal('agent'), agentId: externalId }),
]);
export type TransferTarget = z.output<typeof transferTargetSchema>;

export const transferNodeSchema = z.strictObject({
  type: z.literal('transfer'),
  label: nodeLabel,
  prompt: promptSchema.optional(),
  target: transferTargetSchema,
});

/** `queueId` names the queue whose agents work the message or call back; absent, the lead's default. */
export const voicemailNodeSchema = z.strictObject({
  type: z.literal('voicemail'),
  label: nodeLabel,
  prompt: promptSchema.optional(),
  queueId: externalId.optional(),
  maxSeconds: z.int().min(10).max(600).default(120),
});

export const callbackNodeSchema = z.strictObject({
  type: z.literal('callback'),
  label: nodeLabel,
  prompt: promptSchema.optional(),
  queueId: externalId.optional(),
});

export const hangupNodeSchema = z.strictObject({
  type: z.literal('hangup'),
  label: nodeLabel,
  prompt: promptSchema.optional(),
});

export const ivrNodeSchema = z.discriminatedUnion('type', [
  playNodeSchema,
  menuNodeSchema,
  collectNodeSchema,
  branchNodeSchema,
  lookupNodeSchema,
  setNodeSchema,
  transferNodeSchema,
  voicemailNodeSchema,
  callbackNodeSchema,
  hangupNodeSchema,
]);
export type IvrNode = z.output<typeof ivrNodeSchema>;
export type IvrNodeType = IvrNode['type'];
export type NodeOfType<T extends IvrNodeType> = Extract<IvrNode, { type: T }>;

export const hotlineNumberSchema = z.string().trim().regex(/^\+?[0-9-]{3,32}$/, 'a hotline is a dialled number such as 4008001234');

export const ivrFlowSchema = z
  .strictObject({
    hotline: hotlineNumberSchema,
    /** Raised by the store on every saved edit; calls keep the version they started with. */
    version: z.int().min(1),
    name: z.string().trim().max(100).optional(),
    entry: nodeIdSchema,
    nodes: z.record(nodeIdSchema, ivrNodeSchema),
  })
  .refine((flow) => Object.keys(flow.nodes).length <= MAX_FLOW_NODES, { message: `at most ${MAX_FLOW_NODES} nodes`, path: ['nodes'] });
export type IvrFlow = z.output<typeof ivrFlowSchema>;
export type IvrFlowInput = z.input<typeof ivrFlowSchema>;

// ---------------------------------------------------------------- calendars

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a local time HH:MM, 00:00 to 24:00');
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((date) => isRealDate(date), 'not a calendar date');

/** A half-open local time range on one day; "24:00" ends at midnight. Overnight service is two ranges on two days. */
export const timeRangeSchema = z
  .strictObject({ from: clockTime, to: clockTime })
  .refine((range) => range.from < range.to, { message: 'from must be before to', path: ['to'] });
export type TimeRange = z.output<typeof timeRangeSchema>;

const dayHours = z.array(timeRangeSchema).max(10);
const dateName = z.string().trim().max(100).default('');

export const businessCalendarSchema = z
  .strictObject({
    id: externalId,
    name: z.string().trim().max(100).default(''),
    /** IANA zone, e.g. Asia/Shanghai; opening hours are local wall-clock times there. */
    timeZone: z.string().refine(isKnownTimeZone, 'an IANA time zone such as Asia/Shanghai'),
    weekly: z.strictObject({ mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours, sun: dayHours }),
    /** Closed dates. */
    holidays: z.array(z.strictObject({ date: localDateSchema, name: dateName })).max(400).default([]),
    /** 调休: normally closed dates that are working days, with a weekday's hours ("mon") or explicit ones. */
    makeUpWorkdays: z
      .array(z.strictObject({ date: localDateSchema, name: dateName, hours: z.union([z.enum(WEEKDAYS), dayHours]).default('mon') }))
      .max(100)
      .default([]),
    /** Hours that replace everything else on a date (an empty list closes it), e.g. a holiday duty line. */
    specialHours: z.array(z.strictObject({ date: localDateSchema, name: dateName, hours: dayHours })).max(400).default([]),
  })
  .superRefine((calendar, context) => {
    // Special hours may fall on a holiday or a make-up day on purpose (a duty line on a holiday);
    // a date that is both a holiday and a make-up day, or listed twice, is a contradiction.
    const dayKinds = new Map<string, string>();
    for (const list of ['holidays', 'makeUpWorkdays'] as const) {
      calendar[list].forEach((entry, index) => {
        const earlier = dayKinds.get(entry.date);
        if (earlier === undefined) dayKinds.set(entry.date, list);
        else context.addIssue({ code: 'custom', message: `${entry.date} is already listed in ${earlier}`, path: [list, index, 'date'] });
      });
    }
    const specialDates = new Set<string>();
    calendar.specialHours.forEach((entry, index) => {
      if (specialDates.has(entry.date)) context.addIssue({ code: 'custom', message: `${entry.date} is listed twice`, path: ['specialHours', index, 'date'] });
      specialDates.add(entry.date);
    });
  });
export type BusinessCalendar = z.output<typeof businessCalendarSchema>;
export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>;

// ---------------------------------------------------------------- hotline configuration

/** What a caller gets when the hotline's calendar says closed. */
export const outOfHoursSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('message'), prompt: requiredPrompt }),
  z.strictObject({ action: z.literal('voicemail'), prompt: requiredPrompt, queueId: externalId.optional(), maxSeconds: z.int().min(10).max(600).default(120) }),
  z.strictObject({ action: z.literal('callback'), prompt: requiredPrompt, queueId: externalId.optional() }),
]);
export type OutOfHours = z.output<typeof outOfHoursSchema>;

/**
 * The per-hotline incident announcement (S10), played before the menu while `enabled`. Turning it
 * on is a permission-checked, audited command of the lead's; here it is only data.
 */
export const emergencyPromptSchema = z.strictObject({
  enabled: z.boolean().default(false),
  prompt: promptSchema.nullable().default(null),
});
export type EmergencyPrompt = z.output<typeof emergencyPromptSchema>;

export const hotlineConfigSchema = z.strictObject({
  hotline: hotlineNumberSchema,
  name: z.string().trim().max(100).default(''),
  /** null: always open. */
  calendarId: externalId.nullable().default(null),
  defaultLanguage: languageSchema.default(DEFAULT_LANGUAGE),
  outOfHours: outOfHoursSchema,
  emergency: emergencyPromptSchema.default({ enabled: false, prompt: null }),
});
export type HotlineConfig = z.output<typeof hotlineConfigSchema>;
export type HotlineConfigInput = z.input<typeof hotlineConfigSchema>;

export function parseFlow(input: unknown): IvrFlow {
  return ivrFlowSchema.parse(input);
}

export function parseCalendar(input: unknown): BusinessCalendar {
  return businessCalendarSchema.parse(input);
}

export function parseHotlineConfig(input: unknown): HotlineConfig {
  return hotlineConfigSchema.parse(input);
}

function isRealDate(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
