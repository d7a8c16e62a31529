/**
 * Web chat browser test: a customer on a host page with the embeddable widget
 * (/widget-demo.html?tenant=property) chats with an agent on the desk, both in Chromium. The widget
 * and the desk show each other's messages as text (never as HTML), the customer ends the chat, the
 * agent wraps up, and the stored transcript and export follow. A second test: a customer who closes
 * the page while waiting is an abandon.
 *
 * The agent is property.agent02 (王芳, repair skill, so the property's web_chat queue reaches her),
 * signed out at the end so the voice tests that follow only ring property.agent.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, type E2eContext, type E2eTest } from './harness.ts';

const TIMEOUT = 20_000;
const AGENT = 'property.agent02';
const AGENT_NAME = '王芳';
const SUPERVISOR = 'property.inbound_supervisor';

async function newPage(ctx: E2eContext, locale = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await ctx.browser.newContext({ baseURL: ctx.baseUrl, viewport: { width: 1280, height: 860 }, locale });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (error) => ctx.log(`page error: ${error.message}`));
  page.on('dialog', (dialog) => void dialog.accept());
  return { context, page };
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('welcome').waitFor();
}

/** A cookie session for the test's own API calls. */
async function apiSession(ctx: E2eContext, username: string) {
  const response = await fetch(`${ctx.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(response.status, 200, `login ${username}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${ctx.baseUrl}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: <T>() => JSON.parse(text) as T };
  };
}

async function waitForState(page: Page, status: string): Promise<void> {
  await page.locator(`[data-testid="desk-state"][data-status="${status}"]`).waitFor();
}

interface Detail {
  status: string;
  channel: string;
  address: string | null;
  customer: { name: string } | null;
  messages: { sender: string; body: string }[];
  events: { type: string; data: Record<string, unknown> }[];
}

export const tests: E2eTest[] = [
  {
    name: 'a customer chats from the widget with an agent on the desk',
    async run(ctx) {
      const agentSide = await newPage(ctx);
      const customerSide = await newPage(ctx);
      const agentPage = agentSide.page;
      const widgetPage = customerSide.page;
      const asAgent = await apiSession(ctx, AGENT);
      try {
        // The agent opens the desk and goes ready.
        await login(agentPage, AGENT);
        await agentPage.goto('/desk');
        await agentPage.locator('[data-testid="desk-connection"][data-socket="open"]').waitFor();
        await agentPage.locator('[data-testid="desk-state"][data-status]:not([data-status="offline"])').waitFor();
        if ((await agentPage.locator('[data-testid="desk-state"][data-status="ready"]').count()) === 0) await agentPage.getByTestId('desk-ready').click();
        await waitForState(agentPage, 'ready');

        // The customer visits the company's page and opens the widget: Chinese first.
        await widgetPage.goto('/widget-demo.html?tenant=property');
        const launcher = widgetPage.getByTestId('widget-launcher');
        assert.equal((await launcher.innerText()).trim(), '在线客服');
        await ctx.screenshot(widgetPage, 'host-page');
        await launcher.click();
        await widgetPage.getByTestId('widget-name').fill('张三');
        await widgetPage.getByTestId('widget-phone').fill('138 1234 5678');
        await ctx.screenshot(widgetPage, 'pre-chat-form');
        await widgetPage.getByTestId('widget-start').click();

        // The chat rings on the desk; the agent takes it and sees who it is (the number matched the CRM).
        const offer = agentPage.getByTestId('offer-card');
        await offer.waitFor();
        const id = await offer.getAttribute('data-interaction');
        assert.ok(id, 'the offer names the interaction');
        ctx.log(`chat ${id}`);
        await ctx.screenshot(agentPage, 'chat-offer');
        await offer.getByTestId('offer-accept').click();
        await waitForState(agentPage, 'busy');
        const pane = agentPage.getByTestId('chat-pane');
        await pane.waitFor();
        await pane.getByText('网页访客 · 称呼：张三 · 已留手机号').waitFor();
        await agentPage.getByTestId('customer-card').getByTestId('customer-name').getByText('周建国', { exact: true }).waitFor();

        // The customer is told who is serving them.
        await widgetPage.getByTestId('widget-status').getByText(`客服 ${AGENT_NAME} 为您服务`).waitFor();

        // Customer → agent: markup is stripped before the agent ever sees it.
        const input = widgetPage.getByTestId('widget-input');
        await input.fill('楼上<b>漏水</b>了<img src=x onerror="document.title=\'pwned\'">，厨房天花板在滴水');
        await input.press('Enter');
        const fromCustomer = pane.locator('[data-testid="chat-message"][data-sender="customer"]');
        await fromCustomer.getByText('楼上漏水了，厨房天花板在滴水').waitFor();
        // Once stored, the customer's bubble shows the text as the agent reads it.
        await widgetPage.locator('[data-testid="widget-message"][data-from="customer"]:not(.pending)').getByText('楼上漏水了，厨房天花板在滴水').waitFor();

        // Agent → customer: shown as text, so a tag typed by the agent stays a literal tag.
        await agentPage.getByTestId('chat-input').fill('您好，已为您登记报修，师傅 30 分钟内上门。<b>请保持电话畅通</b>');
        await agentPage.getByTestId('chat-send').click();
        const fromAgent = widgetPage.locator('[data-testid="widget-message"][data-from="agent"]');
        await fromAgent.waitFor();
        assert.equal((await fromAgent.locator('.bubble').innerText()).trim(), '您好，已为您登记报修，师傅 30 分钟内上门。<b>请保持电话畅通</b>');
        assert.equal(await fromAgent.locator('b').count(), 0, 'no HTML was rendered in the widget');
        assert.notEqual(await widgetPage.title(), 'pwned');
        assert.notEqual(await agentPage.title(), 'pwned');
        await ctx.screenshot(widgetPage, 'widget-chatting');
        await ctx.screenshot(agentPage, 'desk-chatting');

        // The customer ends the chat; the agent wraps up.
        await widgetPage.getByTestId('widget-leave').click();
        await widgetPage.getByTestId('widget-status').getByText('您已结束会话，感谢您的咨询。').waitFor();
        await widgetPage.getByTestId('widget-restart').waitFor();
        assert.ok(await widgetPage.getByTestId('widget-input').isDisabled(), 'nothing more can be sent');
        await ctx.screenshot(widgetPage, 'widget-ended');
        await waitForState(agentPage, 'wrap_up');
        await agentPage.getByTestId('wrapup-form').waitFor();
        await agentPage.getByTestId('wrapup-disposition').click();
        await agentPage.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '已解决' }).first().click();
        await agentPage.getByTestId('wrapup-submit').click();
        await waitForState(agentPage, 'ready');

        // The transcript is stored as plain text, and the record has every step.
        const supervisor = await apiSession(ctx, SUPERVISOR);
        const detail = (await supervisor('GET', `/api/interactions/${id}`)).json<Detail>();
        ctx.log(`events: ${detail.events.map((e) => e.type).join(', ')}`);
        assert.equal(detail.channel, 'chat');
        assert.equal(detail.status, 'ended');
        assert.equal(detail.address, '+8613812345678');
        assert.deepEqual(detail.messages.map((m) => m.sender), ['system', 'customer', 'agent']);
        assert.equal(detail.messages[1]!.body, '楼上漏水了，厨房天花板在滴水');
        assert.deepEqual(detail.events.map((e) => e.type), ['arrived', 'queued', 'offered', 'answered', 'ended', 'disposition', 'wrap_up_ended']);
        assert.deepEqual(detail.events.find((e) => e.type === 'ended')!.data, { by: 'customer' });
      } finally {
        // Signed out, so the voice tests that follow ring only their own agent.
        await asAgent('PUT', '/api/agent/state', { presence: 'offline' }).catch(() => undefined);
        await agentSide.context.close();
        await customerSide.context.close();
      }
    },
  },
  {
    name: 'a customer who closes the page while waiting is an abandon (widget in English)',
    async run(ctx) {
      const customerSide = await newPage(ctx, 'en-US');
      const page = customerSide.page;
      try {
        // Nobody staffs the shop's chat: the customer waits, told their place in line.
        await page.goto('/widget-demo.html?tenant=shop&lang=en');
        const launcher = page.getByTestId('widget-launcher');
        assert.equal((await launcher.innerText()).trim(), 'Chat with us');
        await launcher.click();
        await page.getByTestId('widget-phone').fill('12345');
        await page.getByTestId('widget-start').click();
        await page.getByTestId('widget-form-error').getByText('The phone number is not valid').waitFor();
        await page.getByTestId('widget-phone').fill('');
        await page.getByTestId('widget-start').click();
        await page.getByTestId('widget-status').getByText('Waiting: you are next').waitFor();
        await page.getByTestId('widget-input').fill('Where is my parcel?');
        await page.getByTestId('widget-send').click();
        await page.locator('[data-testid="widget-message"][data-from="customer"]:not(.pending)').waitFor();
        // The language switch works mid-chat.
        await page.getByTestId('widget-language').click();
        await page.getByTestId('widget-status').getByText('排队中：下一位就是您').waitFor();
        await ctx.screenshot(page, 'widget-waiting');

        const supervisor = await apiSession(ctx, 'shop.inbound_supervisor');
        const from = new Date(Date.now() - 600_000).toISOString();
        const to = new Date(Date.now() + 600_000).toISOString();
        const rows = async () =>
          (await supervisor('GET', `/api/interactions/export?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)).json<Record<string, string>[]>().filter((r) => r.channel === 'chat');
        const before = await rows();
        assert.equal(before.length, 1, 'one chat in the shop');
        assert.equal(before[0]!.abandonedAt, '');

        await page.close();
        const deadline = Date.now() + TIMEOUT;
        let row = before[0]!;
        while (!row.abandonedAt && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          row = (await rows())[0]!;
        }
        ctx.log(`abandoned row: ${JSON.stringify(row)}`);
        assert.match(row.abandonedAt ?? '', /^\d{4}-/, 'closing the page abandoned the chat');
        assert.equal(row.abandonedIn, 'queue');
        assert.equal(row.endedBy, 'customer');
      } finally {
        await customerSide.context.close();
      }
    },
  },
];
