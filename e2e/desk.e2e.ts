/**
 * Live contact browser test: the agent in Chromium goes ready, a simulated call (placed by the
 * supervisor through the API) rings on the desk, the agent answers, sees the screen pop, holds,
 * hangs up and wraps up with a disposition; the supervisor's live floor follows along and can force
 * the agent's state; the interaction's export shows every lifecycle timestamp, also as a download.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, type E2eContext, type E2eTest } from './harness.ts';

const TIMEOUT = 20_000;
const AGENT = 'property.agent';
const SUPERVISOR = 'property.inbound_supervisor';
const VIP_PHONE = '+8613812345678';
const VIP_NAME = '周建国';

async function newPage(ctx: E2eContext): Promise<{ context: BrowserContext; page: Page }> {
  const context = await ctx.browser.newContext({
    baseURL: ctx.baseUrl,
    viewport: { width: 1366, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
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

/** A cookie session for API calls made by the test itself (as fetch, outside the browser). */
async function apiSession(ctx: E2eContext, username: string) {
  const response = await fetch(`${ctx.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(response.status, 200, `login ${username}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${ctx.baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) as unknown };
  };
  return { call };
}

/** The desk's state tag once it shows `status` (and `reason`, if given). */
async function waitForState(page: Page, status: string, reason?: string): Promise<void> {
  const selector = `[data-testid="desk-state"][data-status="${status}"]${reason ? `[data-reason="${reason}"]` : ''}`;
  await page.locator(selector).waitFor();
}

/** Picks an option in an antd Select. */
async function pickOption(page: Page, trigger: Locator, text: string): Promise<void> {
  await trigger.click();
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await open.locator('.ant-select-item-option', { hasText: text }).first().click();
  await open.waitFor({ state: 'hidden' });
}

/** A minimal RFC 4180 reader: quoted fields with commas, doubled quotes and line breaks. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(header!.map((name, index) => [name, r[index] ?? ''])));
}

function todayRange(): { from: string; to: string } {
  const start = new Date();
  start.setHours(0, 0, 0, 0);
  const end = new Date(start.getTime() + 24 * 3_600_000);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** The row of the agent on the floor page (found by display name). */
function floorRow(page: Page, name: string): Locator {
  return page.getByTestId('floor-agents').locator('tr', { has: page.getByTestId('floor-agent-name').getByText(name, { exact: true }) });
}

async function placeCall(supervisor: Awaited<ReturnType<typeof apiSession>>): Promise<string> {
  const placed = await supervisor.call('POST', '/api/simulator/calls', { caller: VIP_PHONE, queue: 'repair' });
  assert.ok(placed.status === 201 || placed.status === 200, `POST /api/simulator/calls: ${placed.status} ${placed.text}`);
  const { interactionId } = placed.json() as { interactionId: string };
  assert.ok(interactionId, 'the simulator returns the interaction id');
  return interactionId;
}

export const tests: E2eTest[] = [
  {
    name: 'an agent handles a whole call and the export shows every timestamp',
    async run(ctx) {
      const agentSide = await newPage(ctx);
      const supervisorSide = await newPage(ctx);
      const agentPage = agentSide.page;
      const floorPage = supervisorSide.page;
      try {
        const supervisor = await apiSession(ctx, SUPERVISOR);

        // The agent opens the desktop from the menu: the socket logs them onto the floor, not ready.
        await login(agentPage, AGENT);
        const me = (await agentPage.evaluate(() => fetch('/api/me').then((r) => r.json()))) as { displayName: string };
        await agentPage.getByTestId('nav-desk').click();
        await agentPage.locator('[data-testid="desk-connection"][data-socket="open"]').waitFor();
        await waitForState(agentPage, 'not_ready', 'login');
        await ctx.screenshot(agentPage, 'desk-signed-in');

        // The supervisor's live floor shows the agent.
        await login(floorPage, SUPERVISOR);
        await floorPage.getByTestId('nav-floor').click();
        await floorPage.getByTestId('floor-queues').getByText('报修队列').waitFor();
        const row = floorRow(floorPage, me.displayName);
        await row.locator('[data-testid="floor-agent-status"][data-status="not_ready"]').waitFor();
        await ctx.screenshot(floorPage, 'floor-agent-signed-in');

        // Not ready with a reason, then ready; the time in state restarts and ticks.
        await agentPage.getByTestId('desk-not-ready').click();
        await agentPage.getByTestId('desk-reason-break').click();
        await waitForState(agentPage, 'not_ready', 'break');
        await row.locator('[data-testid="floor-agent-status"][data-status="not_ready"]').waitFor();
        await agentPage.getByTestId('desk-ready').click();
        await waitForState(agentPage, 'ready');
        const timer = agentPage.getByTestId('desk-state-timer');
        const firstTick = await timer.innerText();
        await agentPage.waitForFunction(
          (before) => document.querySelector('[data-testid="desk-state-timer"]')?.textContent !== before,
          firstTick,
          { timeout: 5_000 },
        );
        await row.locator('[data-testid="floor-agent-status"][data-status="ready"]').waitFor();
        await ctx.screenshot(agentPage, 'desk-ready');

        // A simulated VIP caller dials into the repair queue: the offer rings on the desk.
        const id = await placeCall(supervisor);
        ctx.log(`placed call ${id}`);
        const offer = agentPage.locator(`[data-testid="offer-card"][data-interaction="${id}"]`);
        await offer.waitFor();
        await waitForState(agentPage, 'reserved');
        await offer.getByTestId('offer-customer').getByText(VIP_NAME).waitFor();
        await offer.getByTestId('offer-countdown').waitFor();
        await ctx.screenshot(agentPage, 'offer');

        // Answer: the screen pop shows the VIP customer with a masked number.
        await offer.getByTestId('offer-accept').click();
        await waitForState(agentPage, 'busy');
        const card = agentPage.getByTestId('customer-card');
        await card.getByTestId('customer-name').getByText(VIP_NAME, { exact: true }).waitFor();
        await card.getByTestId('customer-vip').waitFor();
        const cardText = await card.innerText();
        assert.match(cardText, /138\*{4}5678/, 'the phone number is masked for the agent');
        assert.doesNotMatch(cardText, /13812345678/, 'the full number is not shown to the agent');
        await agentPage.getByTestId('desk-timeline').getByText('接通').waitFor();
        await row.locator('[data-testid="floor-agent-status"][data-status="busy"]').waitFor();
        await ctx.screenshot(agentPage, 'connected-screen-pop');
        await ctx.screenshot(floorPage, 'floor-agent-busy');

        // The supervisor listens in (simulated voice: a control event in the record).
        await row.getByTestId('floor-supervise').click();
        await floorPage.getByTestId('floor-supervise-monitor').click();
        await floorPage.locator('.ant-message-notice', { hasText: '已监听该通话' }).waitFor();

        // Hold and resume; the refreshed timeline shows the supervisor and the hold.
        await agentPage.getByTestId('call-hold').click();
        await agentPage.locator('[data-testid="call-status"][data-hold="yes"]').waitFor();
        await agentPage.getByTestId('desk-timeline').getByText('主管介入').waitFor();
        await agentPage.getByTestId('desk-timeline').getByText('保持', { exact: true }).waitFor();
        await agentPage.getByTestId('call-resume').waitFor();
        await ctx.screenshot(agentPage, 'on-hold');
        await agentPage.getByTestId('call-resume').click();
        await agentPage.locator('[data-testid="call-status"][data-hold="no"]').waitFor();

        // Hang up: the desk goes to wrap-up and shows the form.
        await agentPage.getByTestId('call-hangup').click();
        await waitForState(agentPage, 'wrap_up');
        const form = agentPage.getByTestId('wrapup-form');
        await form.waitFor();
        await row.locator('[data-testid="floor-agent-status"][data-status="wrap_up"]').waitFor();
        // Submitting without a disposition is refused by the form.
        await agentPage.getByTestId('wrapup-submit').click();
        await form.locator('.ant-form-item-explain-error').first().waitFor();
        await pickOption(agentPage, agentPage.getByTestId('wrapup-disposition'), '已解决');
        await agentPage.getByTestId('wrapup-notes').fill('业主报修厨房漏水，已登记并告知维修时间。');
        await ctx.screenshot(agentPage, 'wrap-up');
        await agentPage.getByTestId('wrapup-submit').click();

        // Wrap-up done: the agent is ready again and the desk is idle.
        await waitForState(agentPage, 'ready');
        await agentPage.getByTestId('desk-idle').waitFor();
        assert.equal(await agentPage.getByTestId('wrapup-form').count(), 0);
        await row.locator('[data-testid="floor-agent-status"][data-status="ready"]').waitFor();
        await ctx.screenshot(agentPage, 'ready-again');

        // The export has the interaction with every lifecycle timestamp.
        const { from, to } = todayRange();
        const exported = await supervisor.call('GET', `/api/interactions/export?format=csv&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
        assert.equal(exported.status, 200, exported.text);
        const line = parseCsv(exported.text).find((r) => r.id === id);
        assert.ok(line, `the export has a row for ${id}`);
        ctx.log(`export row: ${JSON.stringify(line)}`);
        for (const column of ['arrivedAt', 'queuedAt', 'offeredAt', 'answeredAt', 'endedAt', 'wrapUpEndedAt']) {
          assert.match(line[column] ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, `${column} is an ISO timestamp`);
        }
        const order = ['arrivedAt', 'queuedAt', 'offeredAt', 'answeredAt', 'endedAt', 'wrapUpEndedAt'].map((c) => Date.parse(line[c]!));
        for (let i = 1; i < order.length; i++) assert.ok(order[i]! >= order[i - 1]!, 'the timestamps are in lifecycle order');
        assert.equal(line.abandonedAt, '');
        assert.equal(line.disposition, 'resolved');
        assert.equal(line.channel, 'voice');
        assert.equal(line.queue, 'repair');
        assert.equal(line.agent, AGENT);
        assert.ok(line.customerId, 'the caller was matched to the customer');
        const detail = await supervisor.call('GET', `/api/interactions/${id}`);
        const events = (detail.json() as { events: { type: string; data: { mode?: string } }[] }).events;
        assert.ok(events.some((e) => e.type === 'supervisor_joined' && e.data.mode === 'monitor'), 'the monitor is in the record');

        // The same export as a download from the export page.
        await floorPage.getByTestId('nav-export').click();
        await floorPage.getByTestId('page-export').waitFor();
        const [download] = await Promise.all([floorPage.waitForEvent('download'), floorPage.getByTestId('export-download').click()]);
        const path = await download.path();
        const { readFile } = await import('node:fs/promises');
        const downloaded = (await readFile(path)).toString('utf8');
        assert.ok(downloaded.startsWith('\uFEFF'), 'the download starts with a BOM for Excel');
        assert.ok(parseCsv(downloaded.slice(1)).some((r) => r.id === id && r.disposition === 'resolved'), 'the downloaded CSV has the interaction');
        ctx.log(`downloaded ${download.suggestedFilename()}`);
        await ctx.screenshot(floorPage, 'export-page');
      } finally {
        await agentSide.context.close();
        await supervisorSide.context.close();
      }
    },
  },
  {
    name: 'a rejected call goes back to the queue; the supervisor forces the agent\'s state',
    async run(ctx) {
      const agentSide = await newPage(ctx);
      const supervisorSide = await newPage(ctx);
      const agentPage = agentSide.page;
      const floorPage = supervisorSide.page;
      try {
        const supervisor = await apiSession(ctx, SUPERVISOR);
        await login(agentPage, AGENT);
        const me = (await agentPage.evaluate(() => fetch('/api/me').then((r) => r.json()))) as { displayName: string };
        await agentPage.goto('/desk');
        await agentPage.locator('[data-testid="desk-connection"][data-socket="open"]').waitFor();
        await agentPage.locator('[data-testid="desk-state"][data-status]:not([data-status="offline"])').waitFor();
        if ((await agentPage.locator('[data-testid="desk-state"][data-status="ready"]').count()) === 0) {
          await agentPage.getByTestId('desk-ready').click();
        }
        await waitForState(agentPage, 'ready');

        await login(floorPage, SUPERVISOR);
        await floorPage.goto('/floor');
        const row = floorRow(floorPage, me.displayName);
        await row.locator('[data-testid="floor-agent-status"][data-status="ready"]').waitFor();

        // Rejecting puts the agent not ready (rejected) and the call back in its queue.
        const id = await placeCall(supervisor);
        const offer = agentPage.locator(`[data-testid="offer-card"][data-interaction="${id}"]`);
        await offer.waitFor();
        await offer.getByTestId('offer-reject').click();
        await offer.waitFor({ state: 'detached' });
        await waitForState(agentPage, 'not_ready', 'rejected');
        const repair = floorPage.getByTestId('floor-queues').locator('tr', { hasText: '报修队列' });
        await repair.getByTestId('floor-queue-waiting').getByText('1', { exact: true }).waitFor();
        await row.locator('[data-testid="floor-agent-status"][data-status="not_ready"]').waitFor();
        await ctx.screenshot(floorPage, 'floor-call-waiting');

        // The supervisor forces the agent into coaching, then ready: the call is offered again.
        await row.getByTestId('floor-force').click();
        await floorPage.getByTestId('floor-force-not-ready').hover();
        await floorPage.getByTestId('floor-force-not_ready-coaching').click();
        await waitForState(agentPage, 'not_ready', 'coaching');
        await ctx.screenshot(agentPage, 'forced-coaching');
        await row.getByTestId('floor-force').click();
        await floorPage.getByTestId('floor-force-ready').click();
        await offer.waitFor();
        await ctx.screenshot(agentPage, 'offered-again');

        // The agent takes it this time and closes it as information given.
        await offer.getByTestId('offer-accept').click();
        await waitForState(agentPage, 'busy');
        await repair.getByTestId('floor-queue-waiting').getByText('0', { exact: true }).waitFor();
        await agentPage.getByTestId('call-hangup').click();
        await agentPage.getByTestId('wrapup-form').waitFor();
        await pickOption(agentPage, agentPage.getByTestId('wrapup-disposition'), '咨询告知');
        await agentPage.getByTestId('wrapup-submit').click();
        await waitForState(agentPage, 'ready');

        const detail = await supervisor.call('GET', `/api/interactions/${id}`);
        const events = (detail.json() as { events: { type: string }[] }).events.map((e) => e.type);
        ctx.log(`events: ${events.join(', ')}`);
        for (const type of ['offered', 'offer_cancelled', 'answered', 'ended', 'wrap_up_ended']) assert.ok(events.includes(type), `event ${type}`);

        // Signing out from the desk takes the agent off the floor as offline.
        await agentPage.getByTestId('desk-sign-out').click();
        await agentPage.getByTestId('desk-sign-out-confirm').click();
        await waitForState(agentPage, 'offline');
        await row.locator('[data-testid="floor-agent-status"][data-status="offline"]').waitFor();
        await agentPage.getByTestId('desk-sign-in').click();
        await waitForState(agentPage, 'not_ready', 'login');
        await ctx.screenshot(agentPage, 'signed-in-again');
      } finally {
        await agentSide.context.close();
        await supervisorSide.context.close();
      }
    },
  },
];
