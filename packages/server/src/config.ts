/**
 * The one configuration module. Every setting comes from the environment, is validated here at
 * boot, and the process stops with a readable message when something is wrong.
 */
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z.enum(['on', 'off', 'true', 'false', '1', '0']).transform((v) => ['on', 'true', '1'].includes(v));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  SEATLINE_DATA_DIR: z.string().min(1).default('./data'),
  SEATLINE_EVENT_BUS: z.enum(['auto', 'in-process', 'pg-notify']).default('auto'),
  SEATLINE_SEED_DEMO: booleanFlag.default(true),
  SEATLINE_SIMULATION: booleanFlag.default(true),
  SEATLINE_SIMULATION_CALLS_PER_MINUTE: z.coerce.number().positive().max(600).default(2),
  SEATLINE_COOKIE_SECURE: booleanFlag.default(false),
  SEATLINE_TRUST_PROXY: booleanFlag.default(false),
  SEATLINE_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(8 * 60),
  SEATLINE_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(7 * 24),
  SEATLINE_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SEATLINE_LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  SEATLINE_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  SEATLINE_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  SEATLINE_WEB_DIST: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  database: { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string };
  eventBus: 'in-process' | 'pg-notify';
  seedDemo: boolean;
  /** Live demo traffic: simulated callers and bot agents on the demo hotlines. */
  demoTraffic: { enabled: boolean; callsPerMinute: number };
  cookieSecure: boolean;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (rate limits and audit need it). */
  trustProxy: boolean;
  session: { idleMinutes: number; maxHours: number };
  /** Lockout per account, and login attempts per minute per client address. */
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  bodyLimitBytes: number;
  webDist: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const database: Config['database'] = e.DATABASE_URL
    ? { kind: 'postgres', url: e.DATABASE_URL }
    : { kind: 'pglite', dataDir: path.resolve(e.SEATLINE_DATA_DIR, 'pglite') };
  if (e.SEATLINE_EVENT_BUS === 'pg-notify' && database.kind !== 'postgres') {
    throw new ConfigError('Invalid configuration:\n  SEATLINE_EVENT_BUS: pg-notify needs DATABASE_URL (PostgreSQL)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    eventBus: e.SEATLINE_EVENT_BUS === 'auto' ? (database.kind === 'postgres' ? 'pg-notify' : 'in-process') : e.SEATLINE_EVENT_BUS,
    seedDemo: e.SEATLINE_SEED_DEMO,
    demoTraffic: { enabled: e.SEATLINE_SIMULATION, callsPerMinute: e.SEATLINE_SIMULATION_CALLS_PER_MINUTE },
    cookieSecure: e.SEATLINE_COOKIE_SECURE,
    trustProxy: e.SEATLINE_TRUST_PROXY,
    session: { idleMinutes: e.SEATLINE_SESSION_IDLE_MINUTES, maxHours: e.SEATLINE_SESSION_MAX_HOURS },
    login: { maxFailures: e.SEATLINE_LOGIN_MAX_FAILURES, lockMinutes: e.SEATLINE_LOGIN_LOCK_MINUTES, ratePerMinute: e.SEATLINE_LOGIN_RATE_PER_MINUTE },
    bodyLimitBytes: e.SEATLINE_BODY_LIMIT_BYTES,
    webDist: e.SEATLINE_WEB_DIST ?? path.resolve(import.meta.dirname, '../../web/dist'),
    logLevel: e.LOG_LEVEL,
  };
}
