/**
 * Saving IVR flows (a new version each time, validated against the tenant's queues, with the path
 * of every bad node) and switching a hotline's emergency prompt, both audited.
 */
import { desc, eq } from 'drizzle-orm';
import { auditAction } from '../../org/commands/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { listQueues } from '../../routing/repository.ts';
import { findHotline } from '../repository.ts';
import { calendars, hotlines, ivrFlows } from '../schema.ts';
import type { BusinessCalendar, Prompt } from '../schemas.ts';
import { validateFlow } from '../validate.ts';

export async function saveFlow(ctx: AppContext, actor: Actor, hotlineId: string, flowJson: unknown) {
  const hotline = await findHotline(ctx.database.db, actor.tenant.id, hotlineId);
  if (!hotline) throw notFound();
  // Flows name queues by their code, which stays readable in the JSON and survives re-seeding.
  const knownQueueIds = new Set((await listQueues(ctx.database.db, actor.tenant.id)).map((q) => q.code));
  const result = validateFlow(flowJson, { knownQueueIds });
  if (!result.ok || !result.value) {
    throw new AppError('ivr.invalid_flow', 400, { errors: result.errors, warnings: result.warnings });
  }
  if (result.value.hotline !== hotline.number) throw new AppError('ivr.invalid_flow', 400, { errors: [{ code: 'ivr.wrong_hotline', severity: 'error', path: ['hotline'], message: `this flow is for ${result.value.hotline}` }], warnings: [] });
  return ctx.uow.run(async (tx, record) => {
    const [latest] = await tx.select({ version: ivrFlows.version }).from(ivrFlows).where(eq(ivrFlows.hotlineId, hotlineId)).orderBy(desc(ivrFlows.version)).limit(1);
    const version = (latest?.version ?? 0) + 1;
    const flow = { ...result.value!, version };
    await tx.insert(ivrFlows).values({ tenantId: actor.tenant.id, hotlineId, version, flow, createdBy: actor.userId, createdAt: new Date(ctx.clock.now()) });
    await tx.update(hotlines).set({ activeVersion: version }).where(eq(hotlines.id, hotlineId));
    await record({ type: 'ivr.flow_published', tenantId: actor.tenant.id, aggregateId: hotlineId, payload: { version } });
    await auditAction(ctx, tx, actor, 'ivr.flow_published', 'hotline', hotlineId, { version, warnings: result.warnings.length });
    return { version, warnings: result.warnings };
  });
}

/** The incident announcement played before the menu (S10); only authorised roles switch it, and it is audited. */
export async function setEmergencyPrompt(ctx: AppContext, actor: Actor, hotlineId: string, input: { enabled: boolean; prompt: Prompt | null }) {
  const hotline = await findHotline(ctx.database.db, actor.tenant.id, hotlineId);
  if (!hotline) throw notFound();
  const prompt = input.prompt ?? hotline.config.emergency.prompt;
  if (input.enabled && !prompt?.text['zh-CN']) throw new AppError('ivr.invalid_flow', 400, { errors: [{ code: 'ivr.missing_prompt', severity: 'error', path: ['prompt', 'text', 'zh-CN'], message: 'an emergency announcement needs a Chinese text' }], warnings: [] });
  const config = { ...hotline.config, emergency: { enabled: input.enabled, prompt } };
  await ctx.uow.run(async (tx, record) => {
    await tx.update(hotlines).set({ config }).where(eq(hotlines.id, hotlineId));
    await record({ type: 'ivr.emergency_switched', tenantId: actor.tenant.id, aggregateId: hotlineId, payload: { enabled: input.enabled } });
    await auditAction(ctx, tx, actor, input.enabled ? 'ivr.emergency_on' : 'ivr.emergency_off', 'hotline', hotlineId, { text: prompt?.text['zh-CN'] ?? null });
  });
  return { ...hotline, config };
}

/** Business hours, public holidays and make-up workdays: each tenant keeps its own calendars. */
export async function saveCalendar(ctx: AppContext, actor: Actor, code: string, calendar: BusinessCalendar) {
  if (calendar.id !== code) throw new AppError('request.invalid', 400, { field: 'id', reason: 'must_match_code' });
  await ctx.uow.run(async (tx, record) => {
    await tx
      .insert(calendars)
      .values({ tenantId: actor.tenant.id, code, calendar })
      .onConflictDoUpdate({ target: [calendars.tenantId, calendars.code], set: { calendar } });
    await record({ type: 'ivr.calendar_saved', tenantId: actor.tenant.id, aggregateId: code, payload: { holidays: calendar.holidays.length } });
    await auditAction(ctx, tx, actor, 'ivr.calendar_saved', 'calendar', code, { holidays: calendar.holidays.length, makeUpWorkdays: calendar.makeUpWorkdays.length });
  });
  return calendar;
}
