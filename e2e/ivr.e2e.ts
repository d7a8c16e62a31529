/**
 * IVR and queue administration in Chromium: the contact-center manager breaks the property
 * hotline's flow in the JSON tab (a transfer to queue `nope`), the save is refused with the node's
 * path shown and the version unchanged, then fixes it in the tree editor and publishes version +1;
 * a test call walks the new flow. The inbound supervisor switches the emergency announcement on
 * (banner, audited as ivr.emergency_on) and off. The agent may not open /ivr. The manager creates a
 * queue on /queues, with a refused duplicate code shown on the field.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, type E2eContext, type E2eTest } from './harness.ts';

const TIMEOUT = 20_000;
const HOTLINE = '4008001234';

async function newPage(ctx: E2eContext): Promise<{ context: BrowserContext; page: Page }> {
  const context = await ctx.browser.newContext({ baseURL: ctx.baseUrl, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (error) => ctx.log(`page error: ${error.message}`));
  return { context, page };
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('welcome').waitFor();
}

/** A cookie session for API calls made by the test itself (outside the browser). */
async function apiSession(ctx: E2eContext, username: string) {
  const response = await fetch(`${ctx.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(response.status, 200, `login ${username}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async (path: string): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${ctx.baseUrl}${path}`, { headers: { cookie, Accept: 'application/json' } });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
}

/** Picks an option in an antd Select by clicking it open. */
async function pickOption(page: Page, trigger: Locator, text: string): Promise<void> {
  await trigger.click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text });
  await option.first().click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
}

async function openHotline(page: Page): Promise<string> {
  await page.getByTestId('nav-ivr').click();
  await page.getByTestId(`ivr-open-${HOTLINE}`).click();
  await page.getByTestId('ivr-hotline-title').filter({ hasText: HOTLINE }).waitFor();
  const id = new URL(page.url()).searchParams.get('hotline');
  assert.ok(id, 'the hotline id is in the address');
  return id;
}

async function shownVersion(page: Page): Promise<number> {
  return Number(await page.getByTestId('ivr-version').getAttribute('data-version'));
}

type Flow = { nodes: Record<string, { type: string; target?: { kind: string; queueId?: string } }> };

export const tests: E2eTest[] = [
  {
    name: 'a bad flow is refused at its node; the fixed flow is published as the next version',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        const api = await apiSession(ctx, 'property.cc_manager');
        await login(page, 'property.cc_manager');
        const id = await openHotline(page);
        const before = await shownVersion(page);
        const fromApi = (await api(`/api/hotlines/${id}`)).body as { activeVersion: number };
        assert.equal(fromApi.activeVersion, before);
        await page.getByTestId('ivr-node-to_complaint').waitFor();
        await ctx.screenshot(page, 'tree');

        // Break it in the JSON tab: the complaints transfer now names a queue that does not exist.
        await page.getByTestId('ivr-tab-json').click();
        const json = page.getByTestId('ivr-json');
        const flow = JSON.parse(await json.inputValue()) as Flow;
        const complaint = flow.nodes.to_complaint;
        assert.equal(complaint?.target?.queueId, 'complaint');
        complaint!.target!.queueId = 'nope';
        await json.fill(JSON.stringify(flow, null, 2));
        await page.getByTestId('ivr-dirty').waitFor();
        await page.getByTestId('ivr-save').click();

        // The server refuses it: the problem names the node's path, and nothing was published.
        const problems = page.getByTestId('ivr-problems');
        await problems.waitFor();
        assert.equal(await problems.getAttribute('data-failed'), 'true');
        const problem = page.locator('[data-testid="ivr-problem"][data-path="nodes.to_complaint.target.queueId"]');
        await problem.waitFor();
        assert.equal(await problem.getAttribute('data-code'), 'ivr.unknown_queue');
        assert.match(await problem.innerText(), /队列不存在/);
        assert.equal(await shownVersion(page), before);
        assert.equal(((await api(`/api/hotlines/${id}`)).body as { activeVersion: number }).activeVersion, before);
        await ctx.screenshot(page, 'refused-json');

        // The tree marks the node; clicking the problem opens it in the side form with the error on its queue field.
        await problem.click();
        const node = page.getByTestId('ivr-node-to_complaint');
        await node.waitFor();
        assert.equal(await node.getAttribute('data-problem'), 'error');
        const form = page.getByTestId('ivr-node-form');
        await form.locator('.ant-form-item-explain-error', { hasText: '队列不存在' }).waitFor();
        await ctx.screenshot(page, 'refused-tree');

        // Fix it in the tree editor: pick the complaints queue again, then save.
        await pickOption(page, form.getByTestId('ivr-field-queue'), '投诉队列');
        await page.getByTestId('ivr-save').click();
        await page.locator(`[data-testid="ivr-version"][data-version="${before + 1}"]`).waitFor();
        assert.equal(await page.locator('[data-testid="ivr-problems"][data-failed="true"]').count(), 0);
        assert.equal(await page.getByTestId('ivr-dirty').count(), 0);
        const after = (await api(`/api/hotlines/${id}`)).body as { activeVersion: number; flow: Flow; versions: { version: number }[] };
        assert.equal(after.activeVersion, before + 1);
        assert.equal(after.flow.nodes.to_complaint?.target?.queueId, 'complaint');
        assert.ok(after.versions.some((v) => v.version === before + 1));
        await page.getByTestId('ivr-tab-versions').click();
        await page.getByTestId('ivr-versions').getByText(`v${before + 1}`, { exact: true }).waitFor();
        await ctx.screenshot(page, 'published');

        // A test call walks the hotline; the page shows its interaction.
        await page.getByTestId('ivr-test-call').click();
        await page.getByTestId('ivr-test-call-digits').fill('2');
        await page.getByTestId('ivr-test-call-submit').click();
        await page.getByTestId('ivr-test-call-result').waitFor();
        await page.getByTestId('ivr-test-call-events').waitFor({ timeout: 30_000 });
        const interactionId = await page.getByTestId('ivr-test-call-result').getAttribute('data-interaction');
        ctx.log(`test call ${interactionId}: ${(await page.getByTestId('ivr-test-call-result').innerText()).replace(/\s+/g, ' ').slice(0, 200)}`);
        await ctx.screenshot(page, 'test-call');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'the inbound supervisor switches the emergency announcement on and off, audited',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        await login(page, 'property.inbound_supervisor');
        await openHotline(page);
        // The supervisor may switch the announcement but not edit the flow.
        assert.equal(await page.getByTestId('ivr-save').count(), 0);
        assert.equal(await page.getByTestId('ivr-emergency-banner').count(), 0);

        await page.getByTestId('ivr-emergency-switch').click();
        const zh = page.getByTestId('ivr-emergency-zh');
        await zh.waitFor();
        assert.match(await zh.inputValue(), /停水/); // the prepared notice
        await zh.fill('E2E 演练：今日临时停水，预计18点前恢复。');
        await page.getByTestId('ivr-emergency-en').fill('E2E drill: water is off today until 18:00.');
        await page.getByTestId('ivr-emergency-confirm').click();
        const banner = page.getByTestId('ivr-emergency-banner');
        await banner.filter({ hasText: 'E2E 演练' }).waitFor();
        await ctx.screenshot(page, 'emergency-on');

        const audit = await apiSession(ctx, 'property.tenant_admin');
        const entries = (await audit('/api/audit?action=ivr.emergency_on')).body as { items: { action: string }[] };
        assert.ok(entries.items.some((entry) => entry.action === 'ivr.emergency_on'), `audit: ${JSON.stringify(entries).slice(0, 300)}`);

        // The list shows it too, then it goes off again.
        await page.getByTestId('ivr-back').click();
        await page.getByTestId(`ivr-emergency-on-${HOTLINE}`).waitFor();
        await page.getByTestId(`ivr-open-${HOTLINE}`).click();
        await banner.waitFor();
        await page.getByTestId('ivr-emergency-switch').click();
        await page.getByTestId('ivr-emergency-confirm').click();
        await banner.waitFor({ state: 'detached' });
        const off = (await audit('/api/audit?action=ivr.emergency_off')).body as { items: { action: string }[] };
        assert.ok(off.items.some((entry) => entry.action === 'ivr.emergency_off'));
        await ctx.screenshot(page, 'emergency-off');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'an agent may not open the IVR or queue pages',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        await login(page, 'property.agent');
        assert.equal(await page.getByTestId('nav-ivr').count(), 0);
        assert.equal(await page.getByTestId('nav-queues').count(), 0);
        await page.goto('/ivr');
        await page.getByTestId('forbidden').waitFor();
        await ctx.screenshot(page, 'agent-ivr-forbidden');
        await page.goto('/queues');
        await page.getByTestId('forbidden').waitFor();
        const status = await page.evaluate(async () => (await fetch('/api/hotlines', { credentials: 'include' })).status);
        assert.equal(status, 403);
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'the manager creates a queue on the queues page',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        await login(page, 'property.cc_manager');
        await page.getByTestId('nav-queues').click();
        const table = page.getByTestId('queues-table');
        await table.getByText('repair', { exact: true }).waitFor();
        await ctx.screenshot(page, 'queues');

        await page.getByTestId('queue-create').click();
        // Client-side rule first, then a code the server refuses as taken, shown on the field.
        await page.locator('#queue_code').fill('Water Repair');
        await page.locator('#queue_name').fill('E2E 水电报修');
        await page.getByTestId('queue-save').click();
        await page.locator('.ant-form-item-explain-error', { hasText: '编码为 1–40 位小写字母' }).waitFor();
        await page.locator('#queue_code').fill('repair');
        await page.getByTestId('queue-save').click();
        await page.locator('.ant-form-item-explain-error', { hasText: '服务器未接受这些设置' }).waitFor();
        await page.locator('#queue_code').fill('e2e_water');
        await page.locator('#queue_settings_priority').fill('7');
        await page.locator('#queue_settings_serviceLevel_percent').fill('90');
        await page.locator('#queue_settings_serviceLevel_seconds').fill('15');
        await pickOption(page, page.locator('#queue_settings_strategy').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]'), '技能最高优先');
        await ctx.screenshot(page, 'queue-form');
        await page.getByTestId('queue-save').click();

        const row = table.locator('tr', { hasText: 'e2e_water' });
        await row.waitFor();
        const text = (await row.innerText()).replace(/\s+/g, ' ');
        assert.match(text, /E2E 水电报修/);
        assert.match(text, /90% \/ 15 秒/);
        assert.match(text, /技能最高优先/);
        await ctx.screenshot(page, 'queue-created');
      } finally {
        await context.close();
      }
    },
  },
];
